import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import { $, $$, loadDemo, mount } from './helpers.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

describe('the counter demo', () => {
  it('counts up, down and resets', async () => {
    const { el, errors } = await mount(await loadDemo('counter'));
    const count = () => $(el, '.count').textContent;
    expect(count()).to.equal('0');
    expect(($(el, '.reset') as HTMLButtonElement).disabled).to.equal(true);
    $(el, '.increment').click();
    $(el, '.increment').click();
    await el.updateComplete;
    expect(count()).to.equal('2');
    expect(($(el, '.reset') as HTMLButtonElement).disabled).to.equal(false);
    $(el, '.decrement').click();
    await el.updateComplete;
    expect(count()).to.equal('1');
    $(el, '.reset').click();
    await el.updateComplete;
    expect(count()).to.equal('0');
    expect(errors).to.deep.equal([]);
  });
});

describe('the todo demo', () => {
  it('adds todos by button and Enter, toggles and removes them', async () => {
    const { el, errors } = await mount(await loadDemo('todo'));
    const draft = $(el, '.draft') as HTMLInputElement;
    draft.focus();
    await sendKeys({ type: 'buy milk' });
    $(el, '.add').click();
    await el.updateComplete;
    expect(draft.value).to.equal('');
    draft.focus();
    await sendKeys({ type: 'write tests' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($$(el, '.todo .text').map((s) => s.textContent)).to.deep.equal([
      'buy milk',
      'write tests',
    ]);
    expect($(el, '.remaining').textContent).to.equal('2 left');

    $$(el, '.toggle')[0].click();
    await el.updateComplete;
    expect($$(el, '.todo')[0].className).to.equal('todo done');
    expect(($$(el, '.toggle')[0] as HTMLInputElement).checked).to.equal(true);
    expect($(el, '.remaining').textContent).to.equal('1 left');

    const second = $$(el, '.todo')[1];
    $$(el, '.remove')[0].click();
    await el.updateComplete;
    expect($$(el, '.todo .text').map((s) => s.textContent)).to.deep.equal(['write tests']);
    expect($$(el, '.todo')[0]).to.equal(second);
    expect(errors).to.deep.equal([]);
  });

  it('ignores an empty draft', async () => {
    const { el } = await mount(await loadDemo('todo'));
    $(el, '.add').click();
    await el.updateComplete;
    expect($$(el, '.todo')).to.have.length(0);
  });
});
