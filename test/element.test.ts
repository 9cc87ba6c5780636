import { expect } from '@open-wc/testing';
import '../src/index.js';
import type { ConstelaApp } from '../src/element.js';
import {
  $,
  lit,
  mount,
  program,
  settle,
  state,
  text,
  until,
  el as node,
  lifecycleLog,
} from './helpers.js';

const counter = (initial = 0, extra: Record<string, unknown> = {}) =>
  program(
    { count: { type: 'number', initial }, log: { type: 'list', initial: [] } },
    [
      { name: 'inc', steps: [{ do: 'update', target: 'count', operation: 'increment' }] },
      ...lifecycleLog,
    ],
    node('button', { onClick: { event: 'click', action: 'inc' } }, [text(state('count'))]),
    extra,
  );

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

describe('loading a program', () => {
  it('runs the program given by src', async () => {
    const el = document.createElement('constela-app');
    const ready = new Promise((r) => el.addEventListener('constela-ready', r, { once: true }));
    el.setAttribute('src', '/api/program/counter');
    document.body.append(el);
    await ready;
    expect(el.textContent).to.equal('7');
  });

  it('runs an inline <script type="application/json"> program', async () => {
    const host = document.createElement('div');
    host.innerHTML = `<constela-app><script type="application/json">${JSON.stringify(counter(3))}</script></constela-app>`;
    const el = host.firstElementChild as ConstelaApp;
    const ready = new Promise((r) => el.addEventListener('constela-ready', r, { once: true }));
    document.body.append(host);
    await ready;
    expect($(el, 'button').textContent).to.equal('3');
    expect(el.querySelector('script')).to.equal(null);
    host.remove();
  });

  it('shows children as the loading fallback and replaces them when it starts', async () => {
    const el = document.createElement('constela-app');
    el.innerHTML = '<p class="loading">Loading…</p>';
    el.setAttribute('src', '/api/slow?ms=300');
    document.body.append(el);
    await settle();
    expect(el.querySelector('.loading')).to.not.equal(null);
    // /api/slow answers with a body that is not a program: the fallback goes
    // and the error panel takes its place.
    await until(() => el.querySelector('.constela-errors') !== null);
    expect(el.querySelector('.loading')).to.equal(null);
  });

  it('tears the old program down (onUnmount) when program changes, then starts the new one', async () => {
    const { el } = await mount(
      counter(1, { lifecycle: { onMount: 'mounted', onUnmount: 'unmounted' } }),
    );
    const log: string[] = [];
    const first = el.program;
    el.addEventListener('constela-ready', () => log.push('ready'));
    el.program = counter(5) as typeof first;
    await until(() => log.includes('ready'));
    expect($(el, 'button').textContent).to.equal('5');
  });

  it('runs onUnmount of the old program when src changes', async () => {
    const calls: string[] = [];
    const p = program(
      { n: { type: 'number', initial: 0 } },
      [
        {
          name: 'bye',
          steps: [{ do: 'fetch', url: lit('/api/echo'), method: 'POST', body: lit('bye') }],
        },
      ],
      text(lit('old')),
      { lifecycle: { onUnmount: 'bye' } },
    );
    const originalFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return originalFetch(input, init);
    };
    try {
      const { el } = await mount(p);
      const ready = new Promise((r) => el.addEventListener('constela-ready', r, { once: true }));
      el.program = undefined;
      el.src = '/api/program/counter';
      await ready;
      expect(calls[0]).to.equal('POST /api/echo');
      expect(el.textContent).to.equal('7');
    } finally {
      window.fetch = originalFetch;
    }
  });
});

describe('rendering root', () => {
  it('renders into light DOM by default, so page CSS applies', async () => {
    const { el } = await mount(counter());
    expect(el.shadowRoot).to.equal(null);
    expect(el.querySelector('button')).to.not.equal(null);
  });

  it('renders into an open shadow root with the shadow attribute', async () => {
    const { el } = await mount(counter(2), { shadow: true });
    expect(el.shadowRoot).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('2');
    expect(el.querySelector('button')).to.equal(null);
  });
});

describe('lifecycle', () => {
  it('runs onMount once started, onUnmount on removal and onMount again on return', async () => {
    const { el } = await mount(
      counter(0, { lifecycle: { onMount: 'mounted', onUnmount: 'unmounted' } }),
    );
    expect(el.getState('log')).to.deep.equal(['mount']);
    el.remove();
    expect(el.getState('log')).to.deep.equal(['mount', 'unmount']);
    document.body.append(el);
    await settle(el);
    expect(el.getState('log')).to.deep.equal(['mount', 'unmount', 'mount']);
    // Bindings still work after coming back.
    $(el, 'button').click();
    await el.updateComplete;
    expect($(el, 'button').textContent).to.equal('1');
  });

  it('keeps its DOM through a move, and shows what changed while it was out', async () => {
    const { el } = await mount(counter(0));
    const button = $(el, 'button');
    el.remove();
    el.setState('count', 5);
    await el.updateComplete;
    expect(button.textContent, 'nothing is applied out of the document').to.equal('0');
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await el.updateComplete;
    expect($(el, 'button'), 'the same DOM').to.equal(button);
    expect(button.textContent).to.equal('5');
    elsewhere.remove();
  });

  it('fires constela-ready after the first render and onMount', async () => {
    const el = document.createElement('constela-app');
    let seen: unknown;
    el.addEventListener('constela-ready', () => {
      seen = [el.querySelector('button')?.textContent, el.getState('log')];
    });
    el.program = counter(4, { lifecycle: { onMount: 'mounted' } }) as never;
    document.body.append(el);
    await until(() => seen !== undefined);
    expect(seen).to.deep.equal(['4', ['mount']]);
  });
});

describe('public API', () => {
  it('getState returns a plain snapshot that cannot change state', async () => {
    const { el } = await mount(
      program({ todos: { type: 'list', initial: [{ t: 'a' }] } }, [], text(state('todos'))),
    );
    const snap = el.getState('todos') as { t: string }[];
    snap[0].t = 'changed';
    snap.push({ t: 'b' });
    expect(el.getState('todos')).to.deep.equal([{ t: 'a' }]);
    expect(el.getState('missing')).to.equal(undefined);
  });

  it('setState changes state and re-renders', async () => {
    const { el } = await mount(counter());
    el.setState('count', 41);
    await el.updateComplete;
    expect($(el, 'button').textContent).to.equal('41');
  });

  it('setState on an unknown field reports constela-error', async () => {
    const { el, errors } = await mount(counter());
    el.setState('nope', 1);
    expect(errors.map((e) => e.message)).to.deep.equal([
      'setState: there is no state field "nope"',
    ]);
  });

  it('dispatch runs an action with a payload and resolves when its steps finish', async () => {
    const p = program(
      { got: { type: 'object', initial: null }, late: { type: 'boolean', initial: false } },
      [
        {
          name: 'receive',
          steps: [
            {
              do: 'fetch',
              url: lit('/api/echo'),
              method: 'POST',
              body: { expr: 'var', name: 'payload' },
              result: 'got',
            },
            { do: 'delay', ms: 50, then: [{ do: 'set', target: 'late', value: lit(true) }] },
          ],
        },
      ],
      text(state('got')),
    );
    const { el } = await mount(p);
    await el.dispatch('receive', { x: 1 });
    expect((el.getState('got') as { body: unknown }).body).to.deep.equal({ x: 1 });
    expect(el.getState('late')).to.equal(false);
    await until(() => el.getState('late') === true);
  });

  it('fires constela-error with message and path for a failing step', async () => {
    const p = program(
      { s: { type: 'string', initial: 'x' } },
      [
        {
          name: 'bad',
          steps: [
            { do: 'set', target: 's', value: { expr: 'call', target: lit('x'), method: 'nope' } },
          ],
        },
      ],
      text(state('s')),
    );
    const { el, errors } = await mount(p);
    const events: Event[] = [];
    document.addEventListener('constela-error', (e) => events.push(e), { once: true });
    await el.dispatch('bad');
    expect(errors).to.have.length(1);
    expect(errors[0].path).to.equal('/actions/0/steps/0/value');
    expect(errors[0].message).to.contain('"nope" is not an allowed method');
    expect(events).to.have.length(1);
    expect(events[0].bubbles && events[0].composed).to.equal(true);
  });
});

describe('isolation', () => {
  it('several elements on one page never share state', async () => {
    const a = await mount(counter(0));
    const b = await mount(counter(0));
    $(a.el, 'button').click();
    $(a.el, 'button').click();
    $(b.el, 'button').click();
    await a.el.updateComplete;
    await b.el.updateComplete;
    expect(a.el.getState('count')).to.equal(2);
    expect(b.el.getState('count')).to.equal(1);
    expect($(b.el, 'button').textContent).to.equal('1');
  });
});

describe('dispatch before the program runs', () => {
  it('waits for a program still loading from src, then runs the action', async () => {
    const el = document.createElement('constela-app');
    el.src = '/demo/counter.json';
    document.body.append(el);
    await el.dispatch('increment');
    expect(el.getState('count')).to.equal(1);
  });

  it('waits for an element that is not in the page yet', async () => {
    const el = document.createElement('constela-app');
    el.program = counter(1) as never;
    const done = el.dispatch('inc');
    setTimeout(() => document.body.append(el), 20);
    await done;
    expect(el.getState('count')).to.equal(2);
  });
});

describe('event handler payloads', () => {
  it('can read the event', async () => {
    const { el } = await mount(
      program(
        { got: { type: 'object', initial: null } },
        [
          {
            name: 'take',
            steps: [{ do: 'set', target: 'got', value: { expr: 'var', name: 'payload' } }],
          },
        ],
        node('button', {
          onClick: {
            event: 'click',
            action: 'take',
            payload: { type: { expr: 'var', name: 'event', path: 'type' } },
          },
        }),
      ),
    );
    $(el, 'button').click();
    await el.updateComplete;
    expect(el.getState('got')).to.deep.equal({ type: 'click' });
  });
});
