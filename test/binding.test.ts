import { expect } from '@open-wc/testing';
import '../src/index.js';
import { $, lit, mount, program, state, text, until, v, el as node } from './helpers.js';
import { script, sse } from './sse-script.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

/** A program bound to a scripted stream, showing `shown` as text. */
function bound(
  url: string,
  binds: unknown[],
  stateDecls: Record<string, { type: string; initial: unknown }>,
  shown: unknown,
  eventTypes?: string[],
) {
  return program(
    { seen: { type: 'number', initial: 0 }, ...stateDecls },
    [
      {
        name: 'connect',
        steps: [
          {
            do: 'sseConnect',
            connection: 'feed',
            url: lit(url),
            reconnect: { enabled: false },
            ...(eventTypes ? { eventTypes } : {}),
            onMessage: [{ do: 'update', target: 'seen', operation: 'increment' }],
          },
          ...binds,
        ],
      },
      { name: 'stopDocs', steps: [{ do: 'unbind', connection: 'feed', target: 'doc' }] },
    ],
    node('p', {}, [text(shown)]),
    { lifecycle: { onMount: 'connect' } },
  );
}

const joined = (name: string) => ({
  expr: 'call',
  target: state(name, 'items'),
  method: 'join',
  args: [lit(',')],
});
const seen = (el: HTMLElement & { getState(n: string): unknown }, n: number) =>
  until(() => el.getState('seen') === n);

/** Binds each message's `data` into `messages`, upserted by its `id`. */
const upsertById = {
  do: 'bind',
  connection: 'feed',
  target: 'messages',
  path: v('payload', 'id'),
  transform: v('payload', 'data'),
};

describe('binding with JSON Patch', () => {
  it('adds at /items/- then /items/0: renders a,b,c then z,a,b,c', async () => {
    const s = script([
      {
        chunks: [
          sse([{ op: 'add', path: '/items/-', value: 'c' }]),
          sse([{ op: 'add', path: '/items/0', value: 'z' }]),
        ],
        gap: 150,
      },
    ]);
    const { el } = await mount(
      bound(
        s.url,
        [{ do: 'bind', connection: 'feed', target: 'doc', patch: true }],
        { doc: { type: 'object', initial: { items: ['a', 'b'] } } },
        joined('doc'),
      ),
    );
    await seen(el, 1);
    await el.updateComplete;
    expect($(el, 'p').textContent).to.equal('a,b,c');
    await seen(el, 2);
    await el.updateComplete;
    expect($(el, 'p').textContent).to.equal('z,a,b,c');
  });

  it('refuses __proto__ and constructor/prototype patches, changes nothing, reports, and goes on', async () => {
    const s = script([
      {
        chunks: [
          sse([{ op: 'add', path: '/__proto__/polluted', value: 'yes' }]),
          sse([{ op: 'add', path: '/constructor/prototype/polluted', value: 'yes' }]),
          sse([{ op: 'add', path: '/items/-', value: 'ok' }]),
        ],
      },
    ]);
    const { el, errors } = await mount(
      bound(
        s.url,
        [{ do: 'bind', connection: 'feed', target: 'doc', patch: true }],
        { doc: { type: 'object', initial: { items: ['a'] } } },
        joined('doc'),
      ),
    );
    await seen(el, 3);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).to.equal(false);
    expect(el.getState('doc')).to.deep.equal({ items: ['a', 'ok'] });
    expect(errors.map((e) => [e.code, e.path])).to.deep.equal([
      ['server', '/actions/0/steps/1'],
      ['server', '/actions/0/steps/1'],
    ]);
    expect(errors[0].message).to.contain('forbidden path');
  });

  it('leaves the document unchanged when a later operation fails (replace, then a failing test)', async () => {
    const s = script([
      {
        chunks: [
          sse([
            { op: 'replace', path: '/a/b/c', value: 42 },
            { op: 'test', path: '/a/b/c', value: 'C' },
          ]),
        ],
      },
    ]);
    const { el, errors } = await mount(
      bound(
        s.url,
        [{ do: 'bind', connection: 'feed', target: 'doc', patch: true }],
        { doc: { type: 'object', initial: { a: { b: { c: 'C' } } } } },
        state('doc'),
      ),
    );
    await seen(el, 1);
    expect(el.getState('doc')).to.deep.equal({ a: { b: { c: 'C' } } });
    expect(errors).to.have.length(1);
  });

  it('applies a patch at a path inside the target', async () => {
    const s = script([
      { chunks: [sse({ id: 'b', ops: [{ op: 'replace', path: '/title', value: 'B!' }] })] },
    ]);
    const { el } = await mount(
      bound(
        s.url,
        [
          {
            do: 'bind',
            connection: 'feed',
            target: 'list',
            patch: true,
            path: v('payload', 'id'),
            transform: v('payload', 'ops'),
          },
        ],
        {
          list: {
            type: 'list',
            initial: [
              { id: 'a', title: 'A' },
              { id: 'b', title: 'B' },
            ],
          },
        },
        state('list'),
      ),
    );
    await seen(el, 1);
    expect(el.getState('list')).to.deep.equal([
      { id: 'a', title: 'A' },
      { id: 'b', title: 'B!' },
    ]);
  });
});

describe('binding without patch', () => {
  it('replaces the target with the payload, or with transform of it', async () => {
    const s = script([{ chunks: [sse({ data: { n: 1 } }), sse({ data: { n: 2 } })] }]);
    const { el } = await mount(
      bound(
        s.url,
        [
          { do: 'bind', connection: 'feed', target: 'raw' },
          {
            do: 'bind',
            connection: 'feed',
            target: 'data',
            transform: { expr: 'get', base: v('payload'), path: 'data' },
          },
        ],
        { raw: { type: 'object', initial: null }, data: { type: 'object', initial: null } },
        state('data'),
      ),
    );
    await seen(el, 2);
    expect(el.getState('raw')).to.deep.equal({ data: { n: 2 } });
    expect(el.getState('data')).to.deep.equal({ n: 2 });
  });

  it('upserts by id in a list: a path step that is not a number is an item id', async () => {
    const s = script([
      {
        chunks: [
          sse({ id: 'a', data: { id: 'a', text: 'first' } }),
          sse({ id: 'b', data: { id: 'b', text: 'second' } }),
          sse({ id: 'a', data: { id: 'a', text: 'first, edited' } }),
        ],
      },
    ]);
    const { el } = await mount(
      bound(s.url, [upsertById], { messages: { type: 'list', initial: [] } }, state('messages')),
    );
    await seen(el, 3);
    expect(el.getState('messages')).to.deep.equal([
      { id: 'a', text: 'first, edited' },
      { id: 'b', text: 'second' },
    ]);
  });

  it('writes at a numeric index, and appends for an id no item has', async () => {
    const s = script([{ chunks: [sse({ at: 1, v: 'B' }), sse({ at: 'meta.count', v: 3 })] }]);
    const { el } = await mount(
      bound(
        s.url,
        [
          {
            do: 'bind',
            connection: 'feed',
            target: 'list',
            path: v('payload', 'at'),
            transform: v('payload', 'v'),
          },
        ],
        { list: { type: 'object', initial: ['a', 'b'] } },
        state('list'),
      ),
    );
    await seen(el, 2);
    // In a list, "meta" is not a number, so it is an item id; no item has
    // it, so a new item is appended (keyed upsert).
    expect(el.getState('list')).to.deep.equal(['a', 'B', { count: 3 }]);
  });

  it('stops after unbind of that target, and keeps other bindings', async () => {
    const s = script([{ chunks: [sse(1), sse(2), sse(3)], gap: 120 }]);
    const { el } = await mount(
      bound(
        s.url,
        [
          { do: 'bind', connection: 'feed', target: 'doc' },
          { do: 'bind', connection: 'feed', target: 'other' },
        ],
        { doc: { type: 'number', initial: 0 }, other: { type: 'number', initial: 0 } },
        state('doc'),
      ),
    );
    await seen(el, 1);
    await el.dispatch('stopDocs');
    await seen(el, 3);
    expect(el.getState('doc')).to.equal(1);
    expect(el.getState('other')).to.equal(3);
  });

  it('binds only the chosen event type', async () => {
    const s = script([{ chunks: [sse(1, 'a'), sse(2, 'b')] }]);
    const { el } = await mount(
      bound(
        s.url,
        [{ do: 'bind', connection: 'feed', eventType: 'b', target: 'doc' }],
        { doc: { type: 'number', initial: 0 } },
        state('doc'),
        ['a', 'b'],
      ),
    );
    await seen(el, 2);
    expect(el.getState('doc')).to.equal(2);
  });
});

describe('binding: forbidden path steps (QA regression)', () => {
  it('refuses a plain bind whose path step in a list is __proto__ or constructor: reports, appends nothing', async () => {
    const s = script([
      {
        chunks: [
          sse({ id: '__proto__', data: { id: '__proto__', text: 'x' } }),
          sse({ id: 'constructor', data: { id: 'constructor', text: 'y' } }),
          sse({ id: 'b', data: { id: 'b', text: 'ok' } }),
        ],
      },
    ]);
    const { el, errors } = await mount(
      bound(
        s.url,
        [upsertById],
        { messages: { type: 'list', initial: [{ id: 'a', text: 'A' }] } },
        state('messages'),
      ),
    );
    await seen(el, 3);
    expect(el.getState('messages')).to.deep.equal([
      { id: 'a', text: 'A' },
      { id: 'b', text: 'ok' },
    ]);
    expect(errors.map((e) => e.code)).to.deep.equal(['server', 'server']);
    expect(errors[0].message).to.contain('not allowed');
  });
});
