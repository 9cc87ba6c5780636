import { expect } from '@open-wc/testing';
import '../src/index.js';
import { lit, mount, program, state, text, until, v } from './helpers.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

/** Mounts a program whose only action `go` runs `steps`. */
async function runSteps(
  stateDecls: Record<string, { type: string; initial: unknown }>,
  steps: unknown[],
  extraActions: { name: string; steps: unknown[] }[] = [],
) {
  const mounted = await mount(
    program(stateDecls, [{ name: 'go', steps }, ...extraActions], text(lit(''))),
  );
  await mounted.el.dispatch('go');
  return mounted;
}

describe('set and setPath', () => {
  it('set replaces a field, or writes at a dot path inside it', async () => {
    const { el } = await runSteps(
      { user: { type: 'object', initial: { name: 'a', tags: ['x'] } } },
      [
        { do: 'set', target: 'user.name', value: lit('b') },
        { do: 'set', target: 'user.tags.1', value: lit('y') },
      ],
    );
    expect(el.getState('user')).to.deep.equal({ name: 'b', tags: ['x', 'y'] });
  });

  it('setPath takes a list of keys or a dot string', async () => {
    const { el } = await runSteps(
      { todos: { type: 'list', initial: [{ done: false }, { done: false }] } },
      [
        { do: 'setPath', target: 'todos', path: lit([1, 'done']), value: lit(true) },
        { do: 'setPath', target: 'todos', path: lit('0.note'), value: lit('n') },
      ],
    );
    expect(el.getState('todos')).to.deep.equal([{ done: false, note: 'n' }, { done: true }]);
  });

  it('refuses to write through __proto__ and stops that run only', async () => {
    const { el, errors } = await runSteps({ o: { type: 'object', initial: {} } }, [
      { do: 'setPath', target: 'o', path: lit(['__proto__', 'polluted']), value: lit('yes') },
      { do: 'set', target: 'o', value: lit('not reached') },
    ]);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(el.getState('o')).to.deep.equal({});
    expect(errors[0].path).to.equal('/actions/0/steps/0');
    expect(errors[0].message).to.contain('__proto__');
  });
});

describe('update', () => {
  const cases: [string, unknown, Record<string, unknown>, unknown][] = [
    ['increment by 1', 1, {}, 2],
    ['increment by value', 1, { value: lit(5) }, 6],
    ['decrement', 1, {}, 0],
    ['decrement by value', 10, { value: lit(3) }, 7],
    ['toggle', true, {}, false],
    ['push', [1], { value: lit(2) }, [1, 2]],
    ['pop', [1, 2], {}, [1]],
    ['remove', [{ a: 1 }, { a: 2 }, { a: 1 }], { value: lit({ a: 1 }) }, [{ a: 2 }]],
    ['replaceAt', ['a', 'b'], { index: lit(1), value: lit('B') }, ['a', 'B']],
    ['insertAt', ['a', 'c'], { index: lit(1), value: lit('b') }, ['a', 'b', 'c']],
    [
      'splice',
      ['a', 'b', 'c', 'd'],
      { index: lit(1), deleteCount: lit(2), value: lit(['x']) },
      ['a', 'x', 'd'],
    ],
    ['merge', { a: 1, b: 2 }, { value: lit({ b: 3, c: 4 }) }, { a: 1, b: 3, c: 4 }],
  ];
  for (const [name, initial, fields, expected] of cases) {
    it(`${name}: ${JSON.stringify(initial)} becomes ${JSON.stringify(expected)}`, async () => {
      const operation = name.split(' ')[0];
      const { el } = await runSteps({ f: { type: 'object', initial } }, [
        { do: 'update', target: 'f', operation, ...fields },
      ]);
      expect(el.getState('f')).to.deep.equal(expected);
    });
  }

  it('reports an index outside the list with the step path', async () => {
    const { el, errors } = await runSteps({ f: { type: 'list', initial: [] } }, [
      { do: 'update', target: 'f', operation: 'replaceAt', index: lit(4), value: lit(1) },
    ]);
    expect(el.getState('f')).to.deep.equal([]);
    expect(errors[0]).to.include({ path: '/actions/0/steps/0' });
  });
});

describe('if', () => {
  it('runs then or else', async () => {
    const { el } = await runSteps(
      { a: { type: 'string', initial: '' }, b: { type: 'string', initial: '' } },
      [
        {
          do: 'if',
          condition: lit(true),
          then: [{ do: 'set', target: 'a', value: lit('then') }],
          else: [{ do: 'set', target: 'a', value: lit('else') }],
        },
        {
          do: 'if',
          condition: lit(0),
          then: [{ do: 'set', target: 'b', value: lit('then') }],
          else: [{ do: 'set', target: 'b', value: lit('else') }],
        },
      ],
    );
    expect([el.getState('a'), el.getState('b')]).to.deep.equal(['then', 'else']);
  });
});

describe('fetch', () => {
  it('sends the body as JSON with its content type, and parses a JSON result', async () => {
    const { el } = await runSteps({ got: { type: 'object', initial: null } }, [
      {
        do: 'fetch',
        url: lit('/api/echo'),
        method: 'POST',
        body: lit({ hello: 'world' }),
        headers: { 'X-Test': lit('yes') },
        onSuccess: [{ do: 'set', target: 'got', value: v('result') }],
      },
    ]);
    expect(el.getState('got')).to.deep.equal({
      method: 'POST',
      contentType: 'application/json',
      header: 'yes',
      body: { hello: 'world' },
    });
  });

  it('gives text when the response is not JSON', async () => {
    const { el } = await runSteps({ got: { type: 'string', initial: '' } }, [
      {
        do: 'fetch',
        url: lit('/api/text'),
        onSuccess: [{ do: 'set', target: 'got', value: v('result') }],
      },
    ]);
    expect(el.getState('got')).to.equal('plain words');
  });

  it('runs onError with error.message and error.status for a non-2xx answer', async () => {
    const { el } = await runSteps({ err: { type: 'object', initial: null } }, [
      {
        do: 'fetch',
        url: lit('/api/status/503'),
        onError: [{ do: 'set', target: 'err', value: v('error') }],
      },
    ]);
    expect(el.getState('err')).to.deep.include({ status: 503 });
    expect((el.getState('err') as { message: string }).message).to.match(/^HTTP 503/);
  });

  it('runs onError without status when the network fails', async () => {
    const { el } = await runSteps({ err: { type: 'object', initial: null } }, [
      {
        do: 'fetch',
        url: lit('http://127.0.0.1:1/nothing'),
        onError: [{ do: 'set', target: 'err', value: v('error') }],
      },
    ]);
    const err = el.getState('err') as { message: string; status?: number };
    expect(err.message).to.be.a('string').and.not.equal('');
    expect(err.status).to.equal(undefined);
  });

  it('stores result in the state field of that name', async () => {
    const { el } = await runSteps({ user: { type: 'object', initial: null } }, [
      { do: 'fetch', url: lit('/api/echo'), result: 'user' },
    ]);
    expect(el.getState('user')).to.deep.include({ method: 'GET' });
  });

  it('makes a non-state result name visible to later steps of the run', async () => {
    const { el } = await runSteps({ method: { type: 'string', initial: '' } }, [
      { do: 'fetch', url: lit('/api/echo'), method: 'PUT', body: lit(1), result: 'response' },
      { do: 'set', target: 'method', value: v('response', 'method') },
    ]);
    expect(el.getState('method')).to.equal('PUT');
  });
});

describe('timers', () => {
  it('delay runs its steps later, in the same run scope', async () => {
    const { el } = await mount(
      program(
        { out: { type: 'string', initial: '' } },
        [
          {
            name: 'go',
            steps: [
              { do: 'delay', ms: 30, then: [{ do: 'set', target: 'out', value: v('word') }] },
            ],
          },
        ],
        text(state('out')),
      ),
    );
    await el.dispatch('go', { word: 'later' });
    expect(el.getState('out')).to.equal('');
    await until(() => el.getState('out') === 'later');
  });

  it('interval runs an action until clearTimer stops it', async () => {
    const { el } = await mount(
      program(
        { ticks: { type: 'number', initial: 0 }, timer: { type: 'string', initial: '' } },
        [
          { name: 'start', steps: [{ do: 'interval', ms: 10, action: 'tick', result: 'timer' }] },
          { name: 'tick', steps: [{ do: 'update', target: 'ticks', operation: 'increment' }] },
          { name: 'stop', steps: [{ do: 'clearTimer', target: state('timer') }] },
        ],
        text(state('ticks')),
      ),
    );
    await el.dispatch('start');
    await until(() => (el.getState('ticks') as number) >= 3);
    await el.dispatch('stop');
    const stopped = el.getState('ticks');
    await new Promise((r) => setTimeout(r, 60));
    expect(el.getState('ticks')).to.equal(stopped);
  });

  it('removing the element stops intervals', async () => {
    const { el } = await mount(
      program(
        { ticks: { type: 'number', initial: 0 } },
        [
          { name: 'start', steps: [{ do: 'interval', ms: 10, action: 'tick' }] },
          { name: 'tick', steps: [{ do: 'update', target: 'ticks', operation: 'increment' }] },
        ],
        text(state('ticks')),
      ),
    );
    await el.dispatch('start');
    await until(() => (el.getState('ticks') as number) >= 1);
    el.remove();
    const at = el.getState('ticks');
    await new Promise((r) => setTimeout(r, 60));
    expect(el.getState('ticks')).to.equal(at);
  });
});

describe('storage', () => {
  it('sets, gets and removes JSON values in local and session storage', async () => {
    localStorage.removeItem('constela-test');
    const { el } = await runSteps(
      { got: { type: 'object', initial: null }, gone: { type: 'object', initial: 'x' } },
      [
        { do: 'storage', operation: 'set', key: lit('constela-test'), value: lit({ a: [1] }) },
        { do: 'storage', operation: 'get', key: lit('constela-test'), result: 'got' },
        { do: 'storage', operation: 'remove', key: lit('constela-test') },
        { do: 'storage', operation: 'get', key: lit('constela-test'), result: 'gone' },
        {
          do: 'storage',
          operation: 'set',
          storage: 'session',
          key: lit('constela-s'),
          value: lit('s'),
        },
      ],
    );
    expect(el.getState('got')).to.deep.equal({ a: [1] });
    expect(el.getState('gone')).to.equal(null);
    expect(sessionStorage.getItem('constela-s')).to.equal('"s"');
  });
});

describe('navigate', () => {
  it('refuses javascript: URLs with an error naming the step', async () => {
    const { errors } = await runSteps({}, [{ do: 'navigate', url: lit('javascript:alert(1)') }]);
    expect(errors[0].path).to.equal('/actions/0/steps/0');
    expect(errors[0].message).to.contain('refused');
  });

  it('opens another context with target', async () => {
    const opened: unknown[] = [];
    const original = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      await runSteps({}, [{ do: 'navigate', url: lit('/elsewhere'), target: '_blank' }]);
      expect(opened).to.deep.equal([['/elsewhere', '_blank', 'noopener,noreferrer']]);
    } finally {
      window.open = original;
    }
  });
});

describe('clipboard', () => {
  it('writes and reads text through the Clipboard API', async () => {
    let stored = '';
    const fake = {
      writeText: async (t: string) => void (stored = t),
      readText: async () => stored,
    };
    const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    Object.defineProperty(navigator, 'clipboard', { value: fake, configurable: true });
    try {
      const { el } = await runSteps({ back: { type: 'string', initial: '' } }, [
        { do: 'clipboard', operation: 'write', value: lit('copied') },
        { do: 'clipboard', operation: 'read', result: 'back' },
      ]);
      expect(el.getState('back')).to.equal('copied');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      Object.defineProperty(Navigator.prototype, 'clipboard', descriptor);
    }
  });
});
