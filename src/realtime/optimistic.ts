/**
 * Optimistic updates: a pending layer on top of a state field's confirmed
 * base. `confirm` folds it into the base, `reject` or its `timeout` drops
 * it. Every other write goes to the base, under the layers, so a rollback
 * never undoes a write that happened while the update was pending.
 */
import { isPlainObject, updateIn, type PathKey } from '../runtime/paths.js';
import { warn } from '../runtime/errors.js';
import type { Layer, StateField } from '../runtime/store.js';
import { DEV } from '../dev.js';

/**
 * How a layer's value combines with what is at its path: an object on an
 * object merges shallowly, a non-list on a list is appended, anything else
 * replaces.
 */
export function combine(current: unknown, value: unknown): unknown {
  if (isPlainObject(current) && isPlainObject(value)) return { ...current, ...value };
  if (Array.isArray(current) && !Array.isArray(value)) return [...current, value];
  return value;
}

/** Timers that the app owns (and clears when it stops). */
interface Timers {
  setTimeout(fn: () => void, ms: number): number;
  clearTimer(id: number): void;
}

export interface Optimistic {
  /**
   * Adds a layer writing `value` at `keys` inside `field`; returns its id.
   * Throws (and adds nothing) when the path cannot be written.
   */
  apply(field: StateField, keys: readonly PathKey[], value: unknown, timeout?: number): string;
  /** Folds the layer into the base (`confirm`) or drops it (`reject`). */
  settle(id: unknown, keep: boolean, path?: string): void;
}

/** The pending optimistic updates of one app. */
export function optimisticUpdates(timers: Timers): Optimistic {
  /** What settles each pending update: fold it in (`keep`) or drop it. */
  const pending = new Map<unknown, (keep: boolean) => void>();
  let count = 0;

  const settle = (id: unknown, keep: boolean, path?: string): void => {
    const settleLayer = pending.get(id);
    if (settleLayer === undefined) {
      if (DEV)
        warn(
          `${keep ? 'confirm' : 'reject'}: no pending update has the id ${JSON.stringify(id)}`,
          path,
        );
      return;
    }
    pending.delete(id);
    settleLayer(keep);
  };

  const apply = (
    field: StateField,
    keys: readonly PathKey[],
    value: unknown,
    timeout?: number,
  ): string => {
    const id = `optimistic-${++count}`;
    const write = (base: unknown) => updateIn(base, keys, (current) => combine(current, value));
    // Fails now, before the layer exists, if the path cannot be written.
    write(field.base.get());
    const layer: Layer = {
      id,
      apply: (base) => {
        try {
          return write(base);
        } catch {
          // The base changed under the layer so that its path no longer
          // fits (a list became shorter...): show the base unchanged.
          return base;
        }
      },
    };
    let timer: number | undefined;
    pending.set(id, (keep) => {
      if (timer !== undefined) timers.clearTimer(timer);
      if (keep) field.base.set(layer.apply(field.base.get()));
      field.layers.set(field.layers.get().filter((l) => l !== layer));
    });
    field.layers.set([...field.layers.get(), layer]);
    if (timeout !== undefined && timeout >= 0) {
      timer = timers.setTimeout(() => settle(id, false), timeout);
    }
    return id;
  };

  return { apply, settle };
}
