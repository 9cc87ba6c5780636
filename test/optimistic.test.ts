import { expect } from '@open-wc/testing';
import '../src/index.js';
import {
  $,
  $$,
  captureWarnings,
  lit,
  loadDemo,
  mount,
  program,
  state,
  text,
  until,
  v,
} from './helpers.js';

beforeEach(async () => {
  await fetch('/api/likes/reset', { method: 'POST' });
});

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

/** The likes demo running the spec page's likePost exactly as published. */
async function specLikes() {
  const likes = (await loadDemo('likes')) as unknown as { actions: { name: string }[] };
  const spec = await (await fetch('/test/fixtures/spec-likepost.json')).json();
  likes.actions = likes.actions.map((a) => (a.name === 'likePost' ? spec : a));
  return likes as unknown as { actions: { name: string; steps: { timeout?: number }[] }[] };
}

describe("the spec's likePost", () => {
  it('shows the post liked within one frame of the click, merged so the title stays', async () => {
    const { el } = await mount(await specLikes());
    await until(() => $$(el, '.post').length === 3);
    const title = $$(el, '.post .title')[1].textContent;
    // Before any task runs after the click (so before the next frame can
    // be painted), the DOM already shows the optimistic state.
    let taskRan = false;
    setTimeout(() => (taskRan = true), 0);
    $$(el, '.like')[1].click();
    await el.updateComplete;
    expect(taskRan).to.equal(false);
    const post = $$(el, '.post')[1];
    expect(post.className).to.equal('post liked');
    expect(post.querySelector('.title')!.textContent).to.equal(title);
    expect(post.querySelector('.count')!.textContent).to.equal('1');
  });

  it('stays liked after a 2xx answer', async () => {
    const { el } = await mount(await specLikes());
    await until(() => $$(el, '.post').length === 3);
    await el.dispatch('likePost', { index: 0, id: 'p1' });
    await el.updateComplete;
    expect($$(el, '.post')[0].className).to.equal('post liked');
    const posts = el.getState('posts') as { liked: boolean; title: string }[];
    expect(posts[0]).to.deep.include({
      liked: true,
      likeCount: 1,
      title: 'Signals all the way down',
    });
  });

  it('rolls back on a 500', async () => {
    const { el } = await mount(await specLikes());
    await until(() => $$(el, '.post').length === 3);
    $(el, '.fail').click();
    await until(() => el.getState('failing') === true);
    await new Promise((r) => setTimeout(r, 50));
    const before = el.getState('posts');
    const done = el.dispatch('likePost', { index: 2, id: 'p3' });
    await el.updateComplete;
    expect($$(el, '.post')[2].className).to.equal('post liked');
    await done;
    await el.updateComplete;
    expect($$(el, '.post')[2].className).to.equal('post');
    expect(el.getState('posts')).to.deep.equal(before);
  });

  it('rolls back when its timeout passes before the answer', async () => {
    const likes = await specLikes();
    // The test server answers likes after 100 ms; the layer gives up at 30.
    likes.actions.find((a) => a.name === 'likePost')!.steps[0].timeout = 30;
    const { el } = await mount(likes);
    await until(() => $$(el, '.post').length === 3);
    const done = el.dispatch('likePost', { index: 1, id: 'p2' });
    await el.updateComplete;
    expect($$(el, '.post')[1].className).to.equal('post liked');
    await until(() => $$(el, '.post')[1].className === 'post', 1000, 'the rollback');
    await done;
    await el.updateComplete;
    // The late confirm names a settled update: nothing happens.
    expect($$(el, '.post')[1].className).to.equal('post');
  });
});

describe('the likes demo', () => {
  it('counts from the post and keeps the count the server answers', async () => {
    const { el } = await mount(await loadDemo('likes'));
    await until(() => $$(el, '.post').length === 3);
    $$(el, '.like')[0].click();
    await el.updateComplete;
    expect($$(el, '.count')[0].textContent).to.equal('4');
    await until(
      () =>
        (el.getState('posts') as { liked: boolean }[])[0].liked &&
        $$(el, '.like')[0].textContent === '♥ Liked',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect($$(el, '.count')[0].textContent).to.equal('4');
  });

  it('shows the fail switch as the server has it', async () => {
    await fetch('/api/likes/fail', { method: 'POST', body: 'true' });
    const { el } = await mount(await loadDemo('likes'));
    await until(() => el.getState('failing') === true);
    expect(($(el, '.fail') as HTMLInputElement).checked).to.equal(true);
  });
});

describe('optimistic layers', () => {
  const app = () =>
    program(
      {
        items: { type: 'list', initial: ['a'] },
        user: { type: 'object', initial: { name: 'Ada', age: 36 } },
        n: { type: 'number', initial: 1 },
        ids: { type: 'list', initial: [] },
      },
      [
        {
          name: 'add',
          steps: [
            { do: 'optimistic', target: 'items', value: v('item'), result: 'id' },
            { do: 'update', target: 'ids', operation: 'push', value: v('id') },
          ],
        },
        {
          name: 'rename',
          steps: [
            { do: 'optimistic', target: 'user', value: lit({ name: 'Grace' }), result: 'id' },
            { do: 'update', target: 'ids', operation: 'push', value: v('id') },
          ],
        },
        {
          name: 'setN',
          steps: [
            { do: 'optimistic', target: 'n', value: lit(5), result: 'id' },
            { do: 'update', target: 'ids', operation: 'push', value: v('id') },
          ],
        },
        {
          name: 'write',
          steps: [{ do: 'update', target: 'items', operation: 'push', value: v('item') }],
        },
        { name: 'confirm', steps: [{ do: 'confirm', id: v('id') }] },
        { name: 'reject', steps: [{ do: 'reject', id: v('id') }] },
      ],
      text(state('items')),
    );
  const ids = (el: { getState(n: string): unknown }) => el.getState('ids') as string[];

  it('appends a non-list value to a list, merges an object, replaces anything else', async () => {
    const { el } = await mount(app());
    await el.dispatch('add', { item: 'b' });
    await el.dispatch('rename');
    await el.dispatch('setN');
    expect(el.getState('items')).to.deep.equal(['a', 'b']);
    expect(el.getState('user')).to.deep.equal({ name: 'Grace', age: 36 });
    expect(el.getState('n')).to.equal(5);
  });

  it('keeps writes made while pending when the layer is rejected', async () => {
    const { el } = await mount(app());
    await el.dispatch('add', { item: 'pending' });
    await el.dispatch('write', { item: 'from server' });
    expect(el.getState('items')).to.deep.equal(['a', 'from server', 'pending']);
    await el.dispatch('reject', { id: ids(el)[0] });
    expect(el.getState('items')).to.deep.equal(['a', 'from server']);
  });

  it('folds a confirmed layer into the base, leaving later layers on top', async () => {
    const { el } = await mount(app());
    await el.dispatch('add', { item: 'x' });
    await el.dispatch('add', { item: 'y' });
    await el.dispatch('confirm', { id: ids(el)[0] });
    await el.dispatch('write', { item: 'z' });
    expect(el.getState('items')).to.deep.equal(['a', 'x', 'z', 'y']);
    await el.dispatch('reject', { id: ids(el)[1] });
    expect(el.getState('items')).to.deep.equal(['a', 'x', 'z']);
  });

  it('ignores confirm or reject of an unknown or settled id, with a warning', async () => {
    const { warnings, restore } = captureWarnings();
    try {
      const { el, errors } = await mount(app());
      await el.dispatch('add', { item: 'b' });
      await el.dispatch('confirm', { id: ids(el)[0] });
      await el.dispatch('reject', { id: ids(el)[0] });
      await el.dispatch('confirm', { id: 'nope' });
      expect(el.getState('items')).to.deep.equal(['a', 'b']);
      expect(errors).to.deep.equal([]);
      expect(warnings.filter((w) => w.includes('no pending update'))).to.have.length(2);
    } finally {
      restore();
    }
  });

  it('gives each layer its own timeout', async () => {
    const { el } = await mount(
      program(
        { items: { type: 'list', initial: [] } },
        [
          {
            name: 'short',
            steps: [{ do: 'optimistic', target: 'items', value: lit('short'), timeout: 40 }],
          },
          {
            name: 'long',
            steps: [{ do: 'optimistic', target: 'items', value: lit('long'), timeout: 400 }],
          },
        ],
        text(state('items')),
      ),
    );
    await el.dispatch('short');
    await el.dispatch('long');
    expect(el.getState('items')).to.deep.equal(['short', 'long']);
    await until(() => (el.getState('items') as string[]).length === 1, 1000);
    expect(el.getState('items')).to.deep.equal(['long']);
    await until(() => (el.getState('items') as string[]).length === 0, 2000);
  });
});
