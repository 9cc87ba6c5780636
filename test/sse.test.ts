import { expect } from '@open-wc/testing';
import '../src/index.js';
import { lit, mount, program, state, text, until, v } from './helpers.js';
import { script } from './sse-script.js';
import { frameTiming } from '../src/realtime/frame.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

/** A program that connects on mount and records what it sees. */
function sseApp(
  url: string,
  connect: Record<string, unknown> = {},
  extraSteps: unknown[] = [],
  extraState = {},
) {
  return program(
    {
      msgs: { type: 'list', initial: [] },
      errors: { type: 'list', initial: [] },
      opens: { type: 'number', initial: 0 },
      ...extraState,
    },
    [
      {
        name: 'connect',
        steps: [
          {
            do: 'sseConnect',
            connection: 's',
            url: lit(url),
            onOpen: [{ do: 'update', target: 'opens', operation: 'increment' }],
            onMessage: [{ do: 'update', target: 'msgs', operation: 'push', value: v('payload') }],
            onError: [{ do: 'update', target: 'errors', operation: 'push', value: v('payload') }],
            ...connect,
          },
          ...extraSteps,
        ],
      },
      { name: 'close', steps: [{ do: 'sseClose', connection: 's' }] },
    ],
    text(state('msgs')),
    { lifecycle: { onMount: 'connect' } },
  );
}

const hold = { reconnect: { enabled: false } };

describe('SSE: the wire format', () => {
  it('joins data lines: {"n":1} and the 11-character "hello\\nworld"', async () => {
    const s = script([{ chunks: ['data: {"n":\ndata: 1}\n\n', 'data: hello\ndata: world\n\n'] }]);
    const { el } = await mount(sseApp(s.url, hold));
    await until(() => (el.getState('msgs') as unknown[]).length === 2);
    const msgs = el.getState('msgs') as unknown[];
    expect(msgs[0]).to.deep.equal({ n: 1 });
    expect(msgs[1]).to.equal('hello\nworld');
    expect((msgs[1] as string).length).to.equal(11);
  });

  it('delivers exactly one event from CRLF chunks cut anywhere, and ends lines at a lone CR', async () => {
    const s = script([
      {
        chunks: [
          'data: [1,\r\n',
          'data: 2,\r',
          '\n',
          'data: 3]\r\n',
          '\r\n',
          'data: a\r\r',
          'data: end\n\n',
        ],
      },
    ]);
    const { el } = await mount(sseApp(s.url, hold));
    await until(() => (el.getState('msgs') as unknown[]).includes('end'));
    expect(el.getState('msgs')).to.deep.equal([[1, 2, 3], 'a', 'end']);
  });

  it('drops a byte order mark at the start of the stream, even split across chunks', async () => {
    // EF BB | BF "data: first\n\n"
    const rest = btoa(String.fromCharCode(0xbf) + 'data: first\n\n');
    const s = script([{ chunks: ['base64:77s=', `base64:${rest}`] }]);
    const { el } = await mount(sseApp(s.url, hold));
    await until(() => (el.getState('msgs') as unknown[]).length === 1);
    expect(el.getState('msgs')).to.deep.equal(['first']);
  });

  it('dispatches nothing and runs no onError for comments, retry and id alone', async () => {
    const s = script([
      { chunks: [': ping\n\n', ':\n\n', 'retry: 1000\n\n', 'id: 5\n\n', 'data: after\n\n'] },
    ]);
    const { el } = await mount(sseApp(s.url, hold));
    await until(() => (el.getState('msgs') as unknown[]).length === 1);
    expect(el.getState('msgs')).to.deep.equal(['after']);
    expect(el.getState('errors')).to.deep.equal([]);
  });

  it('delivers exactly the listed event types, each once, to binds and onMessage', async () => {
    const s = script([
      {
        chunks: [
          'event: update\ndata: 1\n\n',
          'data: 2\n\n',
          'event: other\ndata: 3\n\n',
          'event:update\ndata: 4\n\n',
        ],
      },
    ]);
    const { el } = await mount(
      sseApp(
        s.url,
        { ...hold, eventTypes: ['message', 'update'] },
        [
          { do: 'bind', connection: 's', eventType: 'update', target: 'u' },
          { do: 'bind', connection: 's', eventType: 'message', target: 'm' },
        ],
        { u: { type: 'number', initial: 0 }, m: { type: 'number', initial: 0 } },
      ),
    );
    await until(() => (el.getState('msgs') as unknown[]).length === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(el.getState('u')).to.equal(4);
    expect(el.getState('m')).to.equal(2);
    expect(el.getState('msgs')).to.deep.equal([1, 2, 4]);
  });

  it('passes event as { type, id, data } with the raw data', async () => {
    const s = script([{ chunks: ['id: 7\nevent: note\ndata: {"a":1}\n\n'] }]);
    const { el } = await mount(
      sseApp(s.url, {
        ...hold,
        eventTypes: ['note'],
        onMessage: [{ do: 'update', target: 'msgs', operation: 'push', value: v('event') }],
      }),
    );
    await until(() => (el.getState('msgs') as unknown[]).length === 1);
    expect(el.getState('msgs')).to.deep.equal([{ type: 'note', id: '7', data: '{"a":1}' }]);
  });
});

describe('SSE: reconnecting', () => {
  it('200 then end, 503, 200: both events arrive, onOpen ran twice, binds still work, 3 requests', async () => {
    const s = script([
      { chunks: ['data: {"a":1}\n\n'], end: true },
      { status: 503 },
      { chunks: ['data: {"a":2}\n\n'] },
    ]);
    const { el } = await mount(
      sseApp(
        s.url,
        { reconnect: { strategy: 'linear', baseDelay: 100 } },
        [{ do: 'bind', connection: 's', target: 'last' }],
        {
          last: { type: 'object', initial: null },
        },
      ),
    );
    await until(() => (el.getState('msgs') as unknown[]).length === 2, 5000);
    expect(el.getState('msgs')).to.deep.equal([{ a: 1 }, { a: 2 }]);
    expect(el.getState('opens')).to.equal(2);
    expect(el.getState('last')).to.deep.equal({ a: 2 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await s.log()).to.have.length(3);
    const errors = el.getState('errors') as {
      status?: number;
      attempt: number;
      willRetry: boolean;
      delay: number;
    }[];
    expect(errors.map((e) => [e.status, e.attempt, e.willRetry, e.delay])).to.deep.equal([
      [200, 1, true, 100],
      [503, 2, true, 200],
    ]);
  });

  it('sends Last-Event-ID: 42 on the reconnect after id 41 and a data-less id 42; none at first', async () => {
    const s = script([
      { chunks: ['id: 41\ndata: x\n\n', 'id: 42\n\n'], end: true },
      { chunks: [] },
    ]);
    await mount(sseApp(s.url, { reconnect: { strategy: 'linear', baseDelay: 50 } }));
    let log = await s.log();
    for (let i = 0; i < 100 && log.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 30));
      log = await s.log();
    }
    expect(log.map((r) => r.lastEventId)).to.deep.equal([null, '42']);
  });

  it('waits baseDelay * 2^n, capped by maxDelay, and stops after maxRetries', async () => {
    const s = script([{ status: 503 }]);
    const { el } = await mount(
      sseApp(s.url, {
        reconnect: { strategy: 'exponential', baseDelay: 10, maxDelay: 30, maxRetries: 4 },
      }),
    );
    await until(() => (el.getState('errors') as unknown[]).length === 5, 5000);
    const errors = el.getState('errors') as {
      willRetry: boolean;
      delay?: number;
      attempt: number;
    }[];
    expect(errors.map((e) => e.delay)).to.deep.equal([10, 20, 30, 30, undefined]);
    expect(errors.map((e) => e.willRetry)).to.deep.equal([true, true, true, true, false]);
    await new Promise((r) => setTimeout(r, 100));
    expect(await s.log()).to.have.length(5);
  });

  it('uses a retry: field from the server as the base delay', async () => {
    const s = script([{ chunks: ['retry: 40\ndata: 1\n\n'], end: true }, { status: 503 }]);
    const { el } = await mount(
      sseApp(s.url, { reconnect: { strategy: 'linear', baseDelay: 5000, maxRetries: 1 } }),
    );
    await until(() => (el.getState('errors') as unknown[]).length === 2, 3000);
    expect((el.getState('errors') as { delay?: number }[])[0].delay).to.equal(40);
  });

  it('does not reconnect after a 204 or with strategy none', async () => {
    for (const [steps, reconnect] of [
      [[{ status: 204 }], { strategy: 'linear', baseDelay: 10 }],
      [[{ chunks: ['data: 1\n\n'], end: true }], { strategy: 'none' }],
    ] as const) {
      const s = script([...steps]);
      const { el } = await mount(sseApp(s.url, { reconnect }));
      await until(() => (el.getState('errors') as unknown[]).length === 1);
      await new Promise((r) => setTimeout(r, 80));
      expect(await s.log()).to.have.length(1);
      expect((el.getState('errors') as { willRetry: boolean }[])[0].willRetry).to.equal(false);
      el.remove();
    }
  });

  it('treats a wrong content type as a drop', async () => {
    const s = script([{ type: 'text/plain', chunks: ['data: 1\n\n'], end: true }]);
    const { el } = await mount(sseApp(s.url, { reconnect: { strategy: 'none' } }));
    await until(() => (el.getState('errors') as unknown[]).length === 1);
    expect((el.getState('errors') as { message: string }[])[0].message).to.contain(
      'text/event-stream',
    );
    expect(el.getState('msgs')).to.deep.equal([]);
  });

  it('spends no retry while offline and reconnects at once when back online', async () => {
    const s = script([{ chunks: ['data: 1\n\n'] }]);
    const { el } = await mount(
      sseApp(s.url, { reconnect: { strategy: 'linear', baseDelay: 60000 } }),
    );
    await until(() => (el.getState('msgs') as unknown[]).length === 1);
    const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    try {
      Object.defineProperty(navigator, 'onLine', { get: () => false, configurable: true });
      window.dispatchEvent(new Event('offline'));
      await until(() => (el.getState('errors') as unknown[]).length === 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(await s.log()).to.have.length(1);
      Object.defineProperty(navigator, 'onLine', { get: () => true, configurable: true });
      window.dispatchEvent(new Event('online'));
      await until(() => el.getState('opens') === 2, 2000, 'the reconnect');
      expect(await s.log()).to.have.length(2);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
      Object.defineProperty(Navigator.prototype, 'onLine', descriptor);
    }
  });
});

describe('SSE: connections belong to the element', () => {
  it('closes the stream (the server sees the request end) when the element is removed', async () => {
    const s = script([{ chunks: ['data: 1\n\n'] }]);
    const { el } = await mount(sseApp(s.url, hold));
    await until(() => (el.getState('msgs') as unknown[]).length === 1);
    el.remove();
    for (let i = 0; i < 100 && !(await s.log())[0].closed; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await s.log())[0].closed).to.equal(true);
  });

  it('sseClose closes the stream; sseConnect on a name in use replaces the old one', async () => {
    const a = script([{ chunks: ['data: 1\n\n'] }]);
    const b = script([{ chunks: ['data: 2\n\n'] }]);
    const { el } = await mount(
      program(
        { msgs: { type: 'list', initial: [] } },
        [
          {
            name: 'open',
            steps: [
              {
                do: 'sseConnect',
                connection: 's',
                url: v('url'),
                onMessage: [
                  { do: 'update', target: 'msgs', operation: 'push', value: v('payload') },
                ],
              },
            ],
          },
          { name: 'close', steps: [{ do: 'sseClose', connection: 's' }] },
        ],
        text(lit('')),
      ),
    );
    await el.dispatch('open', { url: a.url });
    await until(() => (el.getState('msgs') as unknown[]).length === 1);
    await el.dispatch('open', { url: b.url });
    await until(() => (el.getState('msgs') as unknown[]).length === 2);
    for (let i = 0; i < 100 && !(await a.log())[0].closed; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await a.log())[0].closed).to.equal(true);
    await el.dispatch('close');
    for (let i = 0; i < 100 && !(await b.log())[0].closed; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await b.log())[0].closed).to.equal(true);
  });

  it('can POST with headers and a JSON body', async () => {
    const s = script([{ chunks: ['data: ok\n\n'] }]);
    const { el } = await mount(
      sseApp(s.url, {
        ...hold,
        method: 'POST',
        headers: { 'X-Test': lit('yes') },
        body: lit({ room: 'a' }),
      }),
    );
    await until(() => (el.getState('msgs') as unknown[]).length === 1);
    const [request] = await s.log();
    expect([request.method, request.header, request.body]).to.deep.equal([
      'POST',
      'yes',
      '{"room":"a"}',
    ]);
  });
});

describe('SSE: message handling', () => {
  it('handles messages one at a time, in arrival order', async () => {
    const s = script([{ chunks: ['data: 150\n\n', 'data: 0\n\n'], gap: 5 }]);
    const { el } = await mount(
      sseApp(s.url, {
        ...hold,
        onMessage: [
          { do: 'fetch', url: { expr: 'concat', items: [lit('/api/slow?ms='), v('payload')] } },
          { do: 'update', target: 'msgs', operation: 'push', value: v('payload') },
        ],
      }),
    );
    await until(() => (el.getState('msgs') as unknown[]).length === 2);
    expect(el.getState('msgs')).to.deep.equal([150, 0]);
  });

  it('handles the messages of one network chunk together: the view updates once', async () => {
    const s = script([{ chunks: ['repeat:200:data: 1\n\n', 'data: 2\n\n'], gap: 200 }]);
    // The view shows the list of messages: every flush rewrites its text.
    const { el } = await mount(sseApp(s.url, hold));
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(el, { subtree: true, characterData: true, childList: true });
    await until(() => (el.getState('msgs') as unknown[]).length === 201, 3000);
    await el.updateComplete;
    observer.disconnect();
    mutations.push(...observer.takeRecords());
    // 200 messages, then 1: a couple of flushes, not 201.
    expect(mutations.length).to.be.greaterThan(0);
    expect(mutations.length).to.be.at.most(4);
  });

  it('applies messages that arrive in separate reads during one frame together, at the frame', async () => {
    const s = script([{ chunks: ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n'], gap: 10 }]);
    // The test decides when frames come, and no timer stands in for them;
    // the page counts as visible (pages run side by side may not be).
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'visible' });
    const frames: FrameRequestCallback[] = [];
    const real = window.requestAnimationFrame;
    window.requestAnimationFrame = (callback) => frames.push(callback);
    frameTiming.fallbackMs = 60_000;
    try {
      const { el } = await mount(sseApp(s.url, hold));
      // Three reads, 10 ms apart, during what is still one frame.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(el.getState('msgs'), 'nothing applied before the frame').to.deep.equal([]);
      expect(frames.length, 'one frame asked for').to.equal(1);
      frames.shift()!(performance.now());
      await el.updateComplete;
      expect(el.getState('msgs')).to.deep.equal([1, 2, 3]);
      expect(el.getState('opens')).to.equal(1);
      expect(el.textContent).to.equal('[1,2,3]');
    } finally {
      window.requestAnimationFrame = real;
      frameTiming.fallbackMs = 100;
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('gives each message its own scope: late callbacks see their own payload', async () => {
    const s = script([{ chunks: ['data: 1\n\n', 'data: 2\n\n'], gap: 5 }]);
    const { el } = await mount(
      sseApp(s.url, {
        ...hold,
        onMessage: [
          {
            do: 'delay',
            ms: 80,
            then: [{ do: 'update', target: 'msgs', operation: 'push', value: v('payload') }],
          },
        ],
      }),
    );
    await until(() => (el.getState('msgs') as unknown[]).length === 2);
    expect(el.getState('msgs')).to.deep.equal([1, 2]);
  });
});
