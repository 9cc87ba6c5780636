/**
 * Keyed equality for the rows of a list.
 *
 * `row.id == state selected` in every row of a 1,000-row list would make
 * each row read `selected`, so every selection re-runs 1,000 bindings to
 * change two. Instead the list keeps one selector per such comparison: it
 * reads `selected` once, and each row reads only a boolean signal for its
 * own key, true for the key equal to `selected`. When `selected` changes,
 * the selector sets two of those signals (the old key's and the new one's),
 * so only the two rows whose comparison flips re-run.
 *
 * The form it takes: `==` or `!=` between a side that reads only the row's
 * own names (its item or index) and a `state` read. Any other comparison
 * is evaluated as usual.
 */
import { Signal } from 'signal-polyfill';
import { evaluate } from '../expr/evaluate.js';
import { readsOf } from '../expr/reads.js';
import type { BinExpr, Expr } from '../program/types.js';
import type { RowEqualities, Scope } from '../runtime/scope.js';
import type { ViewContext } from './context.js';
import type { EachSpec } from './each.js';
import type { Group } from './reactor.js';

/**
 * The selectors of one list (`list` names the row's item and index), made
 * when a comparison first runs in a row. They go with `owner`, the list's
 * group (see `Reactor.lead`).
 */
export function rowSelectors(list: EachSpec, owner: Group): RowEqualities {
  /** Per comparison: how a row answers it, or null when not keyed. */
  const plans = new Map<BinExpr, RowComparison | null>();
  const { node, scope, ctx } = list;

  const ownToRow = (expr: Expr): boolean => {
    const reads = readsOf(expr);
    return reads === node.as || reads === node.index;
  };

  const plan = ({ left, right }: BinExpr): RowComparison | null => {
    const rowLeft = ownToRow(left) && right.expr === 'state';
    if (!rowLeft && !(ownToRow(right) && left.expr === 'state')) return null;
    const shared = rowLeft ? right : left;
    const row = rowLeft ? left : right;
    const keys = selector(() => evaluate(shared, scope, ctx), ctx, owner);
    return (rowScope) => keys.is(evaluate(row, rowScope, ctx));
  };

  return {
    equal(expr, rowScope) {
      if (expr.op !== '==' && expr.op !== '!=') return undefined;
      let found = plans.get(expr);
      if (found === undefined) plans.set(expr, (found = plan(expr)));
      return found === null ? undefined : found(rowScope);
    },
  };
}

/** Whether the row side, in a row's scope, equals the shared value. */
type RowComparison = (rowScope: Scope) => boolean;

/**
 * One shared value (`selected`) and a boolean signal per key a row asked
 * about, true only for the key equal to the shared value.
 */
export interface Selector {
  /** Whether `key` equals the shared value (`===`); tracked per key. */
  is(key: unknown): boolean;
  /** The number of keys asked about and still kept, for leak checks. */
  readonly size: number;
}

/** Starting size of the slot map before unused slots are looked for. */
const FIRST_SWEEP = 64;

export function selector(compute: () => unknown, ctx: ViewContext, owner: Group): Selector {
  const source = new Signal.Computed(compute);
  const slots = new Map<unknown, Signal.State<boolean>>();
  let sweepAt = FIRST_SWEEP;
  // Made while a row's binding runs: nothing here is that binding's read.
  /** The shared value the slots agree with. */
  let current = Signal.subtle.untrack(() => source.get());

  /**
   * The shared value changed: the old key's slot and the new one's flip.
   * (The reactor applies only a changed value; the first, applied while
   * the selector is made, finds no slots.)
   */
  const follow = (value: unknown) => {
    slots.get(current)?.set(false);
    current = value;
    slots.get(value)?.set(true);
  };
  Signal.subtle.untrack(() => ctx.reactor.lead(() => source.get(), follow, owner));

  /**
   * Drops the slots no binding reads any more (their rows went). Run when
   * the map has doubled since the last sweep, so it costs O(1) a key.
   */
  const sweep = () => {
    for (const [key, slot] of slots) {
      if (!Signal.subtle.hasSinks(slot)) slots.delete(key);
    }
    sweepAt = Math.max(FIRST_SWEEP, slots.size * 2);
  };

  return {
    is(key) {
      const now = Signal.subtle.untrack(() => source.get());
      // Changed, and the slots not told yet (they are, first thing at the
      // next flush): compare directly, reading the shared value.
      if (!Object.is(now, current)) return key === source.get();
      // NaN equals nothing, and a Map would find it.
      if (key !== key) return false;
      let slot = slots.get(key);
      if (slot === undefined) {
        if (slots.size >= sweepAt) sweep();
        slot = new Signal.State(key === now);
        slots.set(key, slot);
      }
      return slot.get();
    },
    get size() {
      return slots.size;
    },
  };
}
