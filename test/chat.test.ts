import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import { checkProgram } from '../src/program/check.js';
import { $, $$, captureWarnings, loadDemo, mount, until } from './helpers.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

async function specChat(): Promise<unknown> {
  return (await fetch('/test/fixtures/spec-chat.json')).json();
}

describe("the spec page's chat example", () => {
  it('is valid as published: its two missing actions are warnings, not errors', async () => {
    expect(checkProgram(await specChat())).to.deep.equal([]);
  });

  it('runs unchanged: connects, clears the banner, and shows what is sent', async () => {
    const capture = captureWarnings();
    try {
      const { el, errors } = await mount(await specChat());
      expect(capture.warnings.some((w) => w.includes('"updateInput"'))).to.equal(true);
      expect(capture.warnings.some((w) => w.includes('"handleKeydown"'))).to.equal(true);
      await until(() => el.getState('connected') === true);
      await el.updateComplete;
      expect(el.querySelector('.status')).to.equal(null);
      const text = `hello ${Date.now()}`;
      el.setState('newMessage', text);
      await el.dispatch('sendMessage');
      await until(() => $$(el, '.message').some((m) => m.textContent === text));
      expect(el.getState('newMessage')).to.equal('');
      expect(errors).to.deep.equal([]);
    } finally {
      capture.restore();
    }
  });
});

describe('the chat demo (the example plus its two actions and a send button)', () => {
  it('type x, send, type y, send: both render, the input empties after each confirmed send', async () => {
    const capture = captureWarnings();
    try {
      const { el, errors } = await mount(await loadDemo('chat'));
      await until(() => el.getState('connected') === true);
      const input = $(el, 'input') as HTMLInputElement;
      const stamp = Date.now();

      for (const word of [`x${stamp}`, `y${stamp}`]) {
        input.focus();
        await sendKeys({ type: word });
        await el.updateComplete;
        expect(el.getState('newMessage')).to.equal(word);
        $(el, '.send').click();
        await until(
          () => input.value === '' && el.getState('newMessage') === '',
          3000,
          `the send of ${word}`,
        );
        await until(
          () => $$(el, '.message').some((m) => m.textContent === word),
          3000,
          `${word} to render`,
        );
      }

      const texts = $$(el, '.message').map((m) => m.textContent);
      expect(texts).to.include(`x${stamp}`).and.to.include(`y${stamp}`);
      // Each send leaves its confirmed placeholder { id: "temp" } in the list:
      // both are rendered, each in its own row, and the duplicate key warns once.
      const messages = el.getState('messages') as { id: string; text: string }[];
      expect(messages.filter((m) => m.id === 'temp')).to.have.length(2);
      expect($$(el, '.message')).to.have.length(messages.length);
      expect(capture.warnings.filter((w) => w.includes('share one key'))).to.have.length(1);
      expect(errors).to.deep.equal([]);
    } finally {
      capture.restore();
    }
  });

  it('sends with Enter too', async () => {
    const { el } = await mount(await loadDemo('chat'));
    await until(() => el.getState('connected') === true);
    const word = `enter${Date.now()}`;
    ($(el, 'input') as HTMLInputElement).focus();
    await sendKeys({ type: word });
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '.message').some((m) => m.textContent === word));
  });
});
