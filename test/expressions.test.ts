import { expect } from '@open-wc/testing';
import { evaluate } from '../src/expr/evaluate.js';
import type { Expr } from '../src/program/types.js';
import { Scope } from '../src/runtime/scope.js';
import { Store } from '../src/runtime/store.js';
import { lit, state, v } from './helpers.js';

const store = new Store({
  count: { type: 'number', initial: 3 },
  user: { type: 'object', initial: { profile: { name: 'Ada' }, tags: ['x', 'y'] } },
  items: {
    type: 'list',
    initial: [
      { id: 1, done: true },
      { id: 2, done: false },
      { id: 3, done: false },
    ],
  },
});
const scope = new Scope(
  null,
  Object.entries({ item: { id: 7, title: 'seven' }, n: 2, payload: { index: 1 } }),
);
const run = (expr: unknown) => evaluate(expr as Expr, scope, { store });
const bin = (op: string, left: unknown, right: unknown) => ({ expr: 'bin', op, left, right });
const call = (target: unknown, method: string, ...args: unknown[]) => ({
  expr: 'call',
  target,
  method,
  args,
});

describe('expressions', () => {
  it('lit gives its JSON value as is', () => {
    expect(run(lit({ a: [1, 2] }))).to.deep.equal({ a: [1, 2] });
  });

  it('state reads a field, with an optional dot path', () => {
    expect(run(state('count'))).to.equal(3);
    expect(run(state('user', 'profile.name'))).to.equal('Ada');
    expect(run(state('user', 'tags.1'))).to.equal('y');
    expect(run(state('items', 'length'))).to.equal(3);
  });

  it('an undeclared state field reads as undefined', () => {
    expect(run(state('nope'))).to.equal(undefined);
  });

  it('var and param read scope names, with paths', () => {
    expect(run(v('item', 'title'))).to.equal('seven');
    expect(run({ expr: 'param', name: 'n' })).to.equal(2);
    expect(run(v('missing'))).to.equal(undefined);
  });

  it('get reads a path and gives undefined for a missing step', () => {
    expect(run({ expr: 'get', base: state('user'), path: 'profile.name' })).to.equal('Ada');
    expect(run({ expr: 'get', base: state('user'), path: 'a.b.c.d' })).to.equal(undefined);
    expect(run({ expr: 'get', base: lit(null), path: 'a' })).to.equal(undefined);
  });

  it('paths never read through __proto__, prototype or constructor', () => {
    expect(run({ expr: 'get', base: lit({}), path: '__proto__' })).to.equal(undefined);
    expect(run({ expr: 'get', base: lit({}), path: 'constructor.prototype' })).to.equal(undefined);
    expect(run({ expr: 'index', base: lit({}), key: lit('constructor') })).to.equal(undefined);
    expect(run({ expr: 'get', base: lit({}), path: 'toString' })).to.equal(undefined);
  });

  it('index reads a dynamic key or list index', () => {
    expect(run({ expr: 'index', base: state('items'), key: v('payload', 'index') })).to.deep.equal({
      id: 2,
      done: false,
    });
    expect(run({ expr: 'index', base: lit({ k: 'v' }), key: lit('k') })).to.equal('v');
  });

  it('bin computes arithmetic and comparisons', () => {
    expect(run(bin('+', lit(2), lit(3)))).to.equal(5);
    expect(run(bin('+', lit('a'), lit(1)))).to.equal('a1');
    expect(run(bin('-', lit(2), lit(3)))).to.equal(-1);
    expect(run(bin('*', lit(2), lit(3)))).to.equal(6);
    expect(run(bin('/', lit(3), lit(2)))).to.equal(1.5);
    expect(run(bin('%', lit(7), lit(3)))).to.equal(1);
    expect(run(bin('==', lit(1), lit(1)))).to.equal(true);
    expect(run(bin('==', lit(1), lit('1')))).to.equal(false);
    expect(run(bin('!=', lit(1), lit(2)))).to.equal(true);
    expect(run(bin('<', lit(1), lit(2)))).to.equal(true);
    expect(run(bin('<=', lit(2), lit(2)))).to.equal(true);
    expect(run(bin('>', lit(1), lit(2)))).to.equal(false);
    expect(run(bin('>=', lit(3), lit(2)))).to.equal(true);
  });

  it('&& and || short-circuit: the other side is not evaluated', () => {
    const boom = call(lit('x'), 'notAllowed');
    expect(run(bin('&&', lit(false), boom))).to.equal(false);
    expect(run(bin('||', lit('yes'), boom))).to.equal('yes');
    expect(run(bin('&&', lit(1), lit(2)))).to.equal(2);
  });

  it('not, cond, concat, array and obj', () => {
    expect(run({ expr: 'not', operand: lit(0) })).to.equal(true);
    expect(run({ expr: 'cond', if: lit(true), then: lit('a'), else: lit('b') })).to.equal('a');
    expect(run({ expr: 'cond', if: lit(''), then: lit('a'), else: lit('b') })).to.equal('b');
    expect(
      run({ expr: 'concat', items: [lit('n='), lit(null), state('count'), lit(undefined)] }),
    ).to.equal('n=3');
    expect(run({ expr: 'array', elements: [lit(1), state('count')] })).to.deep.equal([1, 3]);
    expect(run({ expr: 'obj', props: { a: lit(1), b: state('count') } })).to.deep.equal({
      a: 1,
      b: 3,
    });
  });

  it('call runs allowed string, number and list methods', () => {
    expect(run(call(lit(' Hi '), 'trim'))).to.equal('Hi');
    expect(run(call(lit('a,b'), 'split', lit(',')))).to.deep.equal(['a', 'b']);
    expect(run(call(lit(3.14159), 'toFixed', lit(2)))).to.equal('3.14');
    expect(run(call(lit([1, 2, 3]), 'includes', lit(2)))).to.equal(true);
    expect(run(call(lit(['b', 'a']), 'join', lit('-')))).to.equal('b-a');
  });

  it('call with a lambda filters, maps, finds and sorts without mutating', () => {
    const notDone = { expr: 'lambda', param: 't', body: { expr: 'not', operand: v('t', 'done') } };
    expect(
      run({ expr: 'get', base: call(state('items'), 'filter', notDone), path: 'length' }),
    ).to.equal(2);
    expect(
      run(call(state('items'), 'map', { expr: 'lambda', param: 't', body: v('t', 'id') })),
    ).to.deep.equal([1, 2, 3]);
    expect(
      run(
        call(state('items'), 'find', {
          expr: 'lambda',
          param: 't',
          body: bin('==', v('t', 'id'), lit(2)),
        }),
      ),
    ).to.deep.equal({ id: 2, done: false });
    expect(
      run(call(state('items'), 'some', { expr: 'lambda', param: 't', body: v('t', 'done') })),
    ).to.equal(true);
    expect(
      run(call(state('items'), 'every', { expr: 'lambda', param: 't', body: v('t', 'done') })),
    ).to.equal(false);
    const list = [3, 10, 1];
    expect(run(call(lit(list), 'sort'))).to.deep.equal([1, 3, 10]);
    expect(list).to.deep.equal([3, 10, 1]);
    expect(
      run(
        call(state('items'), 'sort', {
          expr: 'lambda',
          param: 't',
          body: bin('*', v('t', 'id'), lit(-1)),
        }),
      ).map((t: { id: number }) => t.id),
    ).to.deep.equal([3, 2, 1]);
    expect(
      run(call(state('items'), 'map', { expr: 'lambda', param: 't', index: 'i', body: v('i') })),
    ).to.deep.equal([0, 1, 2]);
  });

  it('call reaches Math, JSON and Date through var', () => {
    expect(run(call(v('Math'), 'max', lit(1), lit(5), lit(3)))).to.equal(5);
    expect(run({ expr: 'get', base: v('Math'), path: 'PI' })).to.equal(Math.PI);
    expect(run(call(v('JSON'), 'stringify', lit({ a: 1 })))).to.equal('{"a":1}');
    expect(run(call(v('Object'), 'keys', lit({ a: 1, b: 2 })))).to.deep.equal(['a', 'b']);
    expect(typeof run(call(v('Date'), 'now'))).to.equal('number');
  });

  it('call refuses methods that are not allowed', () => {
    expect(() => run(call(lit('x'), 'constructor'))).to.throw(
      /"constructor" is not an allowed method/,
    );
    expect(() => run(call(lit([1]), 'push', lit(2)))).to.throw(/"push" is not an allowed method/);
    expect(() => run(call(lit({}), 'toString'))).to.throw(/not an allowed method of an object/);
    expect(() => run(call(v('Math'), 'constructor'))).to.throw(/not an allowed method/);
  });

  it('local without a component reads undefined', () => {
    expect(run({ expr: 'local', name: 'x' })).to.equal(undefined);
  });
});
