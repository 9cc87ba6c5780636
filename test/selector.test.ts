import { expect } from '@open-wc/testing';
import { Signal } from 'signal-polyfill';
import '../src/index.js';
import type { ConstelaApp } from '../src/element.js';
import type { BinExpr } from '../src/program/types.js';
import { Scope } from '../src/runtime/scope.js';
import { Store } from '../src/runtime/store.js';
import type { ViewContext } from '../src/view/context.js';
import type { EachSpec } from '../src/view/each.js';
import { Reactor } from '../src/view/reactor.js';
import { rowSelectors, selector as makeSelector } from '../src/view/selector.js';
import { $$, el as node, lit, mount, program, state, text, v } from './helpers.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

const microtask = () => Promise.resolve();
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));
const eq = (left: unknown, right: unknown, op = '==') => ({ expr: 'bin', op, left, right });

/** A table whose rows are marked "on" by `mark`, an expression in `row`/`i`. */
function table(rows: unknown[], mark: unknown, extraState = {}) {
  return program(
    {
      rows: { type: 'list', initial: rows },
      selected: { type: 'number', initial: 0 },
      ...extraState,
    },
    [
      {
        name: 'both',
        steps: [
          { do: 'set', target: 'rows', value: { expr: 'var', name: 'rows' } },
          { do: 'set', target: 'selected', value: { expr: 'var', name: 'selected' } },
        ],
      },
    ],
    node('ul', {}, [
      {
        kind: 'each',
        items: state('rows'),
        as: 'row',
        index: 'i',
        key: v('row', 'id'),
        body: node(
          'li',
          { className: { expr: 'cond', if: mark, then: lit('on'), else: lit('') } },
          [text(v('row', 'id'))],
        ),
      },
    ]),
  );
}

/** The ids of the rows marked "on". */
const marked = (app: ConstelaApp) =>
  $$(app, 'li')
    .filter((li) => li.className === 'on')
    .map((li) => Number(li.textContent));

/** How many live bindings read the state field `name`. */
function readersOf(app: ConstelaApp, name: string): number {
  const store = (app as unknown as { status: { app: { store: Store } } }).status.app.store;
  return Signal.subtle.introspectSinks(store.field(name)!.value).length;
}

describe('row selection (`row.id == state selected` in every row)', () => {
  it('is read once by the list, not by each of 1,000 rows, and marks the right row', async () => {
    const { el, errors } = await mount(table(ids(1, 1000), eq(v('row', 'id'), state('selected'))));
    expect(marked(el)).to.deep.equal([]);
    expect(readersOf(el, 'selected'), 'one reader: the list').to.equal(1);
    el.setState('selected', 5);
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([5]);
    el.setState('selected', 700);
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([700]);
    el.setState('selected', 2000);
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([]);
    expect(readersOf(el, 'selected')).to.equal(1);
    expect(errors).to.deep.equal([]);
  });

  it('works with the state on the left, with != and with the row index', async () => {
    const all = [1, 2, 3, 4];
    const forms = [
      [eq(state('selected'), v('row', 'id')), (s: number) => all.filter((id) => id === s)],
      [eq(v('row', 'id'), state('selected'), '!='), (s: number) => all.filter((id) => id !== s)],
      [eq(v('i'), state('selected')), (s: number) => all.filter((id) => id - 1 === s)],
    ] as const;
    for (const [mark, expected] of forms) {
      const { el } = await mount(table(ids(1, 4), mark));
      for (const selected of [2, 3, 0]) {
        el.setState('selected', selected);
        await el.updateComplete;
        expect(marked(el), JSON.stringify(mark)).to.deep.equal(expected(selected));
      }
      expect(readersOf(el, 'selected')).to.equal(1);
      el.remove();
    }
  });

  it('marks rows that arrive after the selection, and follows rows and selection changed together', async () => {
    const { el } = await mount(table(ids(1, 3), eq(v('row', 'id'), state('selected'))));
    el.setState('selected', 12);
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([]);
    el.setState('rows', ids(10, 5));
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([12]);
    await el.dispatch('both', { rows: ids(20, 5), selected: 24 });
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([24]);
    // A row whose item changes key in place compares its new key.
    el.setState('rows', [{ id: 20 }, { id: 21 }, { id: 22 }, { id: 23 }, { id: 99 }]);
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([]);
    el.setState('selected', 99);
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([99]);
  });

  it('compares as === does: no match for NaN, none between "1" and 1', async () => {
    const { el } = await mount(
      table([{ id: 1 }, { id: '1' }, { id: null }], eq(v('row', 'id'), state('pick')), {
        pick: { type: 'object', initial: null },
      }),
    );
    const shown = () => $$(el, 'li').map((li) => li.className);
    expect(shown()).to.deep.equal(['', '', 'on']);
    el.setState('pick', '1');
    await el.updateComplete;
    expect(shown()).to.deep.equal(['', 'on', '']);
    el.setState('pick', 1);
    await el.updateComplete;
    expect(shown()).to.deep.equal(['on', '', '']);
  });

  it('goes with its list: hiding the list leaves nothing reading the state', async () => {
    const view = node('div', {}, [
      {
        kind: 'if',
        condition: state('show'),
        then: (table(ids(1, 50), eq(v('row', 'id'), state('selected'))) as { view: unknown }).view,
      },
    ]);
    const { el } = await mount(
      program(
        {
          rows: { type: 'list', initial: ids(1, 50) },
          selected: { type: 'number', initial: 3 },
          show: { type: 'boolean', initial: true },
        },
        [],
        view,
      ),
    );
    expect(marked(el)).to.deep.equal([3]);
    expect(readersOf(el, 'selected')).to.equal(1);
    el.setState('show', false);
    await el.updateComplete;
    expect(readersOf(el, 'selected')).to.equal(0);
    el.setState('show', true);
    await el.updateComplete;
    expect(marked(el)).to.deep.equal([3]);
  });
});

describe('a selector', () => {
  function setup() {
    const reactor = new Reactor((error) => {
      throw error;
    });
    const store = new Store({ selected: { type: 'number', initial: 1 } });
    const ctx = { store, reactor, report() {}, handleEvent() {} } as ViewContext;
    return { reactor, store, ctx };
  }

  it('answers from the shared value as soon as it changes, before the flush', async () => {
    const { reactor, store, ctx } = setup();
    const list = { node: { as: 'row' }, scope: new Scope(), ctx } as EachSpec;
    const rows = rowSelectors(list, reactor.owner);
    const expr = eq(v('row'), state('selected')) as BinExpr;
    const rowScope = (id: number) => new Scope(null, [['row', id]], rows);
    expect(rows.equal(expr, rowScope(1))).to.equal(true);
    store.writeBase('selected', 2);
    expect(rows.equal(expr, rowScope(1))).to.equal(false);
    expect(rows.equal(expr, rowScope(2))).to.equal(true);
    await microtask();
    expect(rows.equal(expr, rowScope(2))).to.equal(true);
    expect(rows.equal(eq(v('row'), lit(2)) as BinExpr, rowScope(2)), 'not keyed').to.equal(
      undefined,
    );
  });

  it('drops the slots of keys no binding reads any more', async () => {
    const { reactor, store, ctx } = setup();
    const selector = makeSelector(() => store.read('selected'), ctx, reactor.owner);
    const watcher = new Signal.subtle.Watcher(() => {});
    for (let round = 0; round < 10; round++) {
      const readers = Array.from(
        { length: 100 },
        (_, i) => new Signal.Computed(() => selector.is(round * 100 + i)),
      );
      for (const reader of readers) {
        watcher.watch(reader);
        reader.get();
      }
      watcher.unwatch(...readers);
    }
    expect(selector.size).to.be.at.most(200);
    expect(selector.size).to.be.at.least(100);
  });
});
