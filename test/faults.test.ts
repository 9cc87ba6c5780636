import { expect } from '@open-wc/testing';
import '../src/index.js';
import type { ConstelaApp } from '../src/element.js';
import { $, lit, mount, program, state, text, until, v, el as node } from './helpers.js';
import { script, sse } from './sse-script.js';

const escaped: unknown[] = [];
const onError = (e: ErrorEvent) => escaped.push(e.error ?? e.message);
const onRejection = (e: PromiseRejectionEvent) => escaped.push(e.reason);

before(() => {
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
  expect(escaped, 'an exception escaped to window').to.deep.equal([]);
});

after(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
});

/** Counts messages; binds the chosen way; shows `count`. */
function feed(url: string, bind: Record<string, unknown> | null, onMessage: unknown[] = []) {
  return program(
    {
      count: { type: 'number', initial: 0 },
      sizes: { type: 'list', initial: [] },
      doc: { type: 'object', initial: { items: ['a'] } },
    },
    [
      {
        name: 'connect',
        steps: [
          {
            do: 'sseConnect',
            connection: 'c',
            url: lit(url),
            reconnect: { enabled: false },
            onMessage: [...onMessage, { do: 'update', target: 'count', operation: 'increment' }],
          },
          ...(bind ? [{ do: 'bind', connection: 'c', ...bind }] : []),
        ],
      },
      {
        name: 'bump',
        steps: [{ do: 'update', target: 'count', operation: 'increment', value: lit(1000000) }],
      },
    ],
    node('button', { onClick: { event: 'click', action: 'bump' } }, [text(state('count'))]),
    { lifecycle: { onMount: 'connect' } },
  );
}

describe('bad server data', () => {
  it('takes a 10 MB message and keeps working', async () => {
    const s = script([
      { chunks: ['data: {"big":"', 'repeat:10000000:x', '"}\n\n', sse({ big: 'yy' })], gap: 5 },
    ]);
    const { el } = await mount(
      feed(s.url, null, [
        { do: 'update', target: 'sizes', operation: 'push', value: v('payload', 'big.length') },
      ]),
    );
    await until(() => el.getState('count') === 2, 8000);
    expect(el.getState('sizes')).to.deep.equal([10000000, 2]);
  });

  it('takes 10,000 messages sent at once, loses none, and stays responsive', async () => {
    const s = script([{ chunks: ['repeat:10000:data: 1\n\n'] }]);
    const { el } = await mount(
      feed(s.url, {
        target: 'doc',
        transform: { expr: 'obj', props: { items: { expr: 'array', elements: [v('payload')] } } },
      }),
    );
    await until(() => el.getState('count') === 10000, 8000, '10,000 messages');
    $(el, 'button').click();
    await el.updateComplete;
    expect($(el, 'button').textContent).to.equal('1010000');
  });

  it('reports text where a JSON Patch was expected, and applies the next patch', async () => {
    const s = script([
      { chunks: ['data: {not json\n\n', sse([{ op: 'add', path: '/items/-', value: 'b' }])] },
    ]);
    const { el, errors } = await mount(feed(s.url, { target: 'doc', patch: true }));
    await until(() => el.getState('count') === 2);
    expect(el.getState('doc')).to.deep.equal({ items: ['a', 'b'] });
    expect(errors.map((e) => e.code)).to.deep.equal(['server']);
    expect(errors[0].message).to.contain('must be a list');
  });

  it('reports a patch for the wrong document shape and changes nothing', async () => {
    const s = script([
      {
        chunks: [
          sse([{ op: 'replace', path: '/items/5', value: 'z' }]),
          sse([{ op: 'remove', path: '/nope/0' }]),
        ],
      },
    ]);
    const { el, errors } = await mount(feed(s.url, { target: 'doc', patch: true }));
    await until(() => el.getState('count') === 2);
    expect(el.getState('doc')).to.deep.equal({ items: ['a'] });
    expect(errors).to.have.length(2);
  });
});

describe('failing steps', () => {
  it('a bad regexp reports with its path and ends that run only', async () => {
    const { el, errors } = await mount(
      program(
        { out: { type: 'string', initial: '' } },
        [
          {
            name: 'bad',
            steps: [
              {
                do: 'set',
                target: 'out',
                value: { expr: 'call', target: lit('abc'), method: 'match', args: [lit('(')] },
              },
              { do: 'set', target: 'out', value: lit('not reached') },
            ],
          },
          { name: 'good', steps: [{ do: 'set', target: 'out', value: lit('fine') }] },
        ],
        text(state('out')),
      ),
    );
    await el.dispatch('bad');
    expect(el.getState('out')).to.equal('');
    expect(errors[0].path).to.equal('/actions/0/steps/0');
    expect(errors[0].message).to.match(/Invalid regular expression/);
    await el.dispatch('good');
    expect(el.getState('out')).to.equal('fine');
  });

  it('a list key that cannot be computed is reported, and the rows still render', async () => {
    // Found by the rendering property test: this used to break the first
    // render, and the element then reloaded the program in a loop.
    const { el, errors } = await mount(
      program({}, [], {
        kind: 'each',
        items: lit([{}, {}]),
        as: 'row',
        key: { expr: 'call', target: lit([]), method: 'nope' },
        body: node('i', {}, [text(lit('row'))]),
      }),
    );
    expect(el.querySelectorAll('i')).to.have.length(2);
    expect(errors[0].path).to.equal('/view/key');
  });

  it('an expression that fails in the view is reported and the rest renders', async () => {
    const { el, errors } = await mount(
      program(
        {},
        [],
        node('p', {}, [text({ expr: 'call', target: lit(1), method: 'nope' }), text(lit('rest'))]),
      ),
    );
    expect($(el, 'p').textContent).to.equal('rest');
    expect(errors[0].path).to.equal('/view/children/0/value');
  });
});

describe('loading faults', () => {
  it('gives up on a src that never answers, with a clear message', async () => {
    const el = document.createElement('constela-app');
    const errors: string[] = [];
    el.addEventListener('constela-error', (e) => errors.push(e.detail.message));
    el.timeout = 200;
    el.src = '/api/slow?ms=3000';
    document.body.append(el);
    await until(() => errors.length > 0, 2000);
    expect(errors).to.deep.equal(['could not load /api/slow?ms=3000: no answer within 0.2 s']);
  });
});

describe('cleanup', () => {
  it('200 mount/unmount cycles leave no request, stream, timer or listener behind', async () => {
    const stream = script([{ chunks: [sse(1)] }]);
    const busy = program(
      { n: { type: 'number', initial: 0 }, items: { type: 'list', initial: [] } },
      [
        {
          name: 'start',
          steps: [
            {
              do: 'sseConnect',
              connection: 'c',
              url: lit(stream.url),
              reconnect: { strategy: 'linear', baseDelay: 50 },
            },
            { do: 'bind', connection: 'c', target: 'n' },
            { do: 'interval', ms: 1000, action: 'tick' },
            {
              do: 'delay',
              ms: 10000,
              then: [{ do: 'update', target: 'n', operation: 'increment' }],
            },
            { do: 'optimistic', target: 'items', value: lit('pending'), timeout: 10000 },
            {
              do: 'fetch',
              url: lit('/api/slow?ms=2000'),
              onSuccess: [{ do: 'set', target: 'n', value: lit(-1) }],
            },
          ],
        },
        { name: 'tick', steps: [] },
      ],
      node('ul', {}, [
        { kind: 'each', items: state('items'), as: 'i', body: node('li', {}, [text(v('i'))]) },
      ]),
      { lifecycle: { onMount: 'start' } },
    );

    // Instrument what the runtime may leave open.
    const live = {
      timeouts: new Set<number>(),
      intervals: new Set<number>(),
      listeners: new Set<unknown>(),
      requests: new Set<AbortSignal>(),
    };
    const real = {
      setTimeout: window.setTimeout,
      clearTimeout: window.clearTimeout,
      setInterval: window.setInterval,
      clearInterval: window.clearInterval,
      fetch: window.fetch,
      add: window.addEventListener,
      remove: window.removeEventListener,
    };
    const w = window as unknown as Record<string, unknown>;
    w.setTimeout = (fn: () => void, ms?: number) => {
      const id: number = real.setTimeout.call(
        window,
        () => {
          live.timeouts.delete(id);
          fn();
        },
        ms,
      );
      live.timeouts.add(id);
      return id;
    };
    w.clearTimeout = (id: number) => {
      live.timeouts.delete(id);
      real.clearTimeout.call(window, id);
    };
    w.setInterval = (fn: () => void, ms?: number) => {
      const id: number = real.setInterval.call(window, fn, ms);
      live.intervals.add(id);
      return id;
    };
    w.clearInterval = (id: number) => {
      live.intervals.delete(id);
      real.clearInterval.call(window, id);
    };
    w.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const signal = init?.signal;
      if (signal) live.requests.add(signal);
      const done = () => (signal ? live.requests.delete(signal) : undefined);
      const pending = real.fetch.call(window, input, init);
      // A stream stays open after its headers arrive; it ends by abort.
      pending.then((r) => !r.headers.get('content-type')?.includes('event-stream') && done(), done);
      signal?.addEventListener('abort', done);
      return pending;
    };
    const counted = new Set(['online', 'offline']);
    w.addEventListener = function (type: string, listener: unknown, ...rest: unknown[]) {
      if (counted.has(type)) live.listeners.add(listener);
      return (real.add as (...a: unknown[]) => void).call(window, type, listener, ...rest);
    };
    w.removeEventListener = function (type: string, listener: unknown, ...rest: unknown[]) {
      if (counted.has(type)) live.listeners.delete(listener);
      return (real.remove as (...a: unknown[]) => void).call(window, type, listener, ...rest);
    };

    const apps: ConstelaApp[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const el = document.createElement('constela-app');
        el.program = busy as never;
        document.body.append(el);
        await el.updateComplete;
        if (i % 20 === 0) await new Promise((resolve) => real.setTimeout.call(window, resolve, 30));
        el.remove();
        apps.push(el);
      }
      await new Promise((resolve) => real.setTimeout.call(window, resolve, 100));
      expect(live.intervals.size, 'intervals').to.equal(0);
      expect(live.timeouts.size, 'timeouts').to.equal(0);
      expect(live.requests.size, 'requests and streams').to.equal(0);
      expect(live.listeners.size, 'window listeners').to.equal(0);
      type Internals = {
        status: {
          app: {
            reactor: { paused: boolean };
            realtime: { openConnections: number };
            resources: { size: number };
          };
        };
      };
      for (const app of apps) {
        const inner = (app as unknown as Internals).status.app;
        // The view keeps its DOM and bindings (for a move) but applies
        // nothing while out of the document; the rest is stopped.
        expect([
          inner.reactor.paused,
          inner.realtime.openConnections,
          inner.resources.size,
        ]).to.deep.equal([true, 0, 0]);
      }
    } finally {
      Object.assign(w, {
        setTimeout: real.setTimeout,
        clearTimeout: real.clearTimeout,
        setInterval: real.setInterval,
        clearInterval: real.clearInterval,
        fetch: real.fetch,
        addEventListener: real.add,
        removeEventListener: real.remove,
      });
    }
    // The server saw every stream end.
    expect((await stream.log()).length).to.be.greaterThan(0);
    // Under load the browser may take seconds to close aborted sockets.
    for (let i = 0; i < 500; i++) {
      if ((await stream.log()).every((r) => r.closed)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await stream.log()).filter((r) => !r.closed)).to.deep.equal([]);
  });
});
