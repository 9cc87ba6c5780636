import { Signal } from 'signal-polyfill';
import type { BinExpr } from '../program/types.js';

/**
 * Names visible to `var` and `param` expressions.
 *
 * A scope is a frame of names with an optional parent. View scopes hold
 * signals (an `each` row's item and index), so a binding that reads a loop
 * variable re-runs when that row changes; `get` unwraps them. Action runs
 * get a fresh scope of plain values, so two runs never share one.
 */
/** What `Scope.find` gives for a name that no frame defines. */
export const MISSING = Symbol('missing');

/**
 * How the rows of a list compare a row's value with a shared one
 * (view/selector.ts): `equal` gives the answer, or undefined to compare
 * as usual.
 */
export interface RowEqualities {
  equal(expr: BinExpr, rowScope: Scope): boolean | undefined;
}

export class Scope {
  readonly #names: Map<string, unknown>;

  constructor(
    readonly parent: Scope | null = null,
    names?: Iterable<readonly [string, unknown]>,
    /** Set on the scope of a list's row. */
    readonly rows?: RowEqualities,
  ) {
    this.#names = new Map(names);
  }

  /** The current value of `name` (signals are read, so tracked). */
  get(name: string): unknown {
    const value = this.find(name);
    return value === MISSING ? undefined : value;
  }

  /** The current value of `name`, or `MISSING` when no frame defines it. */
  find(name: string): unknown {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      if (s.#names.has(name)) return unwrap(s.#names.get(name));
    }
    return MISSING;
  }

  /** Defines `name` in this frame (a `result` name of a step). */
  set(name: string, value: unknown): void {
    this.#names.set(name, value);
  }

  /** Every visible name with its current value, inner frames winning. */
  snapshot(): Map<string, unknown> {
    const out = this.parent?.snapshot() ?? new Map<string, unknown>();
    for (const [name, slot] of this.#names) out.set(name, unwrap(slot));
    return out;
  }
}

function unwrap(slot: unknown): unknown {
  return slot instanceof Signal.State || slot instanceof Signal.Computed ? slot.get() : slot;
}
