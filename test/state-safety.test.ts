import { expect } from '@open-wc/testing';
import '../src/index.js';
import { lit, mount, program, state, text, until, v } from './helpers.js';
import { script, sse } from './sse-script.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
  for (const proto of [Object.prototype, Array.prototype]) {
    expect(Object.prototype.hasOwnProperty.call(proto, 'polluted'), 'prototype polluted').to.equal(
      false,
    );
  }
});

const decls = {
  o: { type: 'object', initial: { a: {} } },
  list: { type: 'list', initial: [{ id: 'x' }] },
};

describe('no path reads or writes through __proto__, prototype or constructor', () => {
  const writes: [string, unknown][] = [
    [
      'set with a __proto__ target',
      { do: 'set', target: 'o.__proto__.polluted', value: lit('yes') },
    ],
    [
      'set through constructor.prototype',
      { do: 'set', target: 'o.constructor.prototype.polluted', value: lit('yes') },
    ],
    [
      'set on a list through __proto__',
      { do: 'set', target: 'list.__proto__.polluted', value: lit('yes') },
    ],
    [
      'setPath with a list of keys',
      { do: 'setPath', target: 'o', path: lit(['a', '__proto__', 'polluted']), value: lit('yes') },
    ],
    [
      'setPath with a dot string',
      {
        do: 'setPath',
        target: 'o',
        path: lit('constructor.prototype.polluted'),
        value: lit('yes'),
      },
    ],
    [
      'update at a __proto__ path',
      { do: 'update', target: 'o.__proto__', operation: 'merge', value: lit({ polluted: 'yes' }) },
    ],
    [
      'optimistic at a __proto__ path',
      { do: 'optimistic', target: 'o', path: lit('__proto__.polluted'), value: lit('yes') },
    ],
    [
      'optimistic at a prototype path',
      {
        do: 'optimistic',
        target: 'o',
        path: lit(['constructor', 'prototype']),
        value: lit({ polluted: 'yes' }),
      },
    ],
  ];
  for (const [name, step] of writes) {
    it(`refuses ${name}, reports it and leaves state as it was`, async () => {
      const { el, errors } = await mount(
        program(decls, [{ name: 'go', steps: [step] }], text(lit(''))),
      );
      await el.dispatch('go');
      expect(errors).to.have.length(1);
      expect(errors[0].path).to.equal('/actions/0/steps/0');
      expect(el.getState('o')).to.deep.equal({ a: {} });
      expect(el.getState('list')).to.deep.equal([{ id: 'x' }]);
    });
  }

  it('merges an object that has an own "__proto__" key as plain data', async () => {
    const { el } = await mount(
      program(
        decls,
        [
          {
            name: 'go',
            steps: [{ do: 'update', target: 'o', operation: 'merge', value: v('payload') }],
          },
        ],
        text(lit('')),
      ),
    );
    await el.dispatch('go', JSON.parse('{"__proto__": {"polluted": "yes"}, "b": 1}'));
    const o = el.getState('o') as Record<string, unknown>;
    expect(o.b).to.equal(1);
    expect(Object.getPrototypeOf(o)).to.equal(Object.prototype);
  });

  it('reads __proto__, prototype and constructor as undefined in state, var, get and index', async () => {
    const { el } = await mount(
      program(
        { ...decls, out: { type: 'list', initial: [] } },
        [
          {
            name: 'go',
            steps: [
              {
                do: 'set',
                target: 'out',
                value: {
                  expr: 'array',
                  elements: [
                    state('o', '__proto__'),
                    state('o', 'constructor.name'),
                    v('payload', '__proto__'),
                    { expr: 'get', base: state('list'), path: 'constructor' },
                    { expr: 'index', base: state('o'), key: lit('__proto__') },
                    { expr: 'index', base: state('list'), key: lit('constructor') },
                  ],
                },
              },
            ],
          },
        ],
        text(lit('')),
      ),
    );
    await el.dispatch('go', {});
    expect(el.getState('out')).to.deep.equal(new Array(6).fill(undefined));
  });

  it('refuses bind paths through __proto__ and still binds later messages', async () => {
    const s = script([
      { chunks: [sse({ at: '__proto__', v: { polluted: 'yes' } }), sse({ at: 'b', v: 2 })] },
    ]);
    const { el, errors } = await mount(
      program(
        { ...decls, seen: { type: 'number', initial: 0 } },
        [
          {
            name: 'connect',
            steps: [
              {
                do: 'sseConnect',
                connection: 'c',
                url: lit(s.url),
                reconnect: { enabled: false },
                onMessage: [{ do: 'update', target: 'seen', operation: 'increment' }],
              },
              {
                do: 'bind',
                connection: 'c',
                target: 'o',
                path: v('payload', 'at'),
                transform: v('payload', 'v'),
              },
            ],
          },
        ],
        text(lit('')),
        { lifecycle: { onMount: 'connect' } },
      ),
    );
    await until(() => el.getState('seen') === 2);
    expect(el.getState('o')).to.deep.equal({ a: {}, b: 2 });
    expect(errors.map((e) => e.code)).to.deep.equal(['server']);
  });

  it('does not let a getState snapshot change state, deep inside either', async () => {
    const { el } = await mount(program(decls, [], text(state('o'))));
    const snap = el.getState('o') as { a: Record<string, unknown> };
    snap.a.changed = true;
    expect(el.getState('o')).to.deep.equal({ a: {} });
  });
});
