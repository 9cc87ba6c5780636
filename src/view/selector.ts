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

/** The selectors of one list, made when a comparison first runs in a row. */
export class RowSelectors implements RowEqualities {
  /** Per comparison: its row side and selector, or null when not keyed. */
  readonly #plans = new Map<BinExpr, Plan | null>();

  /** The list: its node names the row's item and index. */
  readonly #list: EachSpec;
  /** The group of the list: selectors go with it (see `Reactor.lead`). */
  readonly #owner: Group;

  constructor(list: EachSpec, owner: Group) {
    this.#list = list;
    this.#owner = owner;
  }

  equal(expr: BinExpr, rowScope: Scope): boolean | undefined {
    if (expr.op !== '==' && expr.op !== '!=') return undefined;
    let plan = this.#plans.get(expr);
    if (plan === undefined) this.#plans.set(expr, (plan = this.#plan(expr)));
    if (plan === null) return undefined;
    return plan.selector.is(evaluate(plan.row, rowScope, this.#list.ctx));
  }

  #plan({ left, right }: BinExpr): Plan | null {
    const rowLeft = this.#ownToRow(left) && right.expr === 'state';
    if (!rowLeft && !(this.#ownToRow(right) && left.expr === 'state')) return null;
    const shared = rowLeft ? right : left;
    const { scope, ctx } = this.#list;
    return {
      row: rowLeft ? left : right,
      selector: new Selector(() => evaluate(shared, scope, ctx), ctx, this.#owner),
    };
  }

  #ownToRow(expr: Expr): boolean {
    const reads = readsOf(expr);
    const { node } = this.#list;
    return reads === node.as || reads === node.index;
  }
}

interface Plan {
  readonly row: Expr;
  readonly selector: Selector;
}

/** Starting size of the slot map before unused slots are looked for. */
const FIRST_SWEEP = 64;

/**
 * One shared value (`selected`) and a boolean signal per key a row asked
 * about, true only for the key equal to the shared value.
 */
export class Selector {
  readonly #source: Signal.Computed<unknown>;
  readonly #slots = new Map<unknown, Signal.State<boolean>>();
  /** The shared value the slots agree with. */
  #current: unknown;
  #sweepAt = FIRST_SWEEP;

  constructor(compute: () => unknown, ctx: ViewContext, owner: Group) {
    this.#source = new Signal.Computed(compute);
    // Made while a row's binding runs: nothing here is that binding's read.
    Signal.subtle.untrack(() => {
      this.#current = this.#source.get();
      ctx.reactor.lead(
        () => this.#source.get(),
        (value) => this.#follow(value),
        owner,
      );
    });
  }

  /** Whether `key` equals the shared value (`===`); tracked per key. */
  is(key: unknown): boolean {
    const now = Signal.subtle.untrack(() => this.#source.get());
    // Changed, and the slots not told yet (they are, first thing at the
    // next flush): compare directly, reading the shared value.
    if (!Object.is(now, this.#current)) return key === this.#source.get();
    // NaN equals nothing, and a Map would find it.
    if (key !== key) return false;
    let slot = this.#slots.get(key);
    if (slot === undefined) {
      if (this.#slots.size >= this.#sweepAt) this.#sweep();
      slot = new Signal.State(key === now);
      this.#slots.set(key, slot);
    }
    return slot.get();
  }

  /** The number of keys asked about and still kept, for leak checks. */
  get size(): number {
    return this.#slots.size;
  }

  /**
   * The shared value changed: the old key's slot and the new one's flip.
   * (The reactor applies only a changed value; the first, applied while
   * the selector is made, finds no slots.)
   */
  #follow(value: unknown): void {
    this.#slots.get(this.#current)?.set(false);
    this.#current = value;
    this.#slots.get(value)?.set(true);
  }

  /**
   * Drops the slots no binding reads any more (their rows went). Run when
   * the map has doubled since the last sweep, so it costs O(1) a key.
   */
  #sweep(): void {
    for (const [key, slot] of this.#slots) {
      if (!Signal.subtle.hasSinks(slot)) this.#slots.delete(key);
    }
    this.#sweepAt = Math.max(FIRST_SWEEP, this.#slots.size * 2);
  }
}
