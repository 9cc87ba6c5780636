import { Signal } from 'signal-polyfill';
import type { StateDecl } from '../program/types.js';

/**
 * A pending optimistic change on top of a state field's confirmed value.
 * `apply` returns the field's value with the change applied.
 */
export interface Layer {
  readonly id: string;
  apply(value: unknown): unknown;
}

/**
 * One state field: a confirmed base value and an ordered stack of pending
 * layers, both signals. What the program reads (`value`) is derived from
 * them, so a binding re-runs only when the displayed value really changes.
 */
export class StateField {
  readonly base: Signal.State<unknown>;
  readonly layers = new Signal.State<readonly Layer[]>([]);
  readonly value = new Signal.Computed(() =>
    this.layers.get().reduce((value, layer) => layer.apply(value), this.base.get()),
  );

  constructor(initial: unknown) {
    this.base = new Signal.State(initial);
  }
}

/** The state fields of one running program. */
export class Store {
  readonly #fields = new Map<string, StateField>();

  constructor(decls: Record<string, StateDecl>) {
    for (const [name, decl] of Object.entries(decls)) {
      this.#fields.set(name, new StateField(structuredClone(decl.initial)));
    }
  }

  has(name: string): boolean {
    return this.#fields.has(name);
  }

  field(name: string): StateField | undefined {
    return this.#fields.get(name);
  }

  /** The displayed value (base plus pending layers); tracked. */
  read(name: string): unknown {
    return this.#fields.get(name)?.value.get();
  }

  /** The confirmed value without pending layers; untracked. */
  readBase(name: string): unknown {
    return Signal.subtle.untrack(() => this.#fields.get(name)?.base.get());
  }

  /** Writes the confirmed value; pending layers stay on top of it. */
  writeBase(name: string, value: unknown): void {
    this.#fields.get(name)?.base.set(value);
  }
}
