import { Signal } from 'signal-polyfill';
import { CONSTANT, type Reads } from '../expr/reads.js';

/**
 * Runs effects for one app: each effect is a computed value and a function
 * that applies it to the DOM. When a signal changes, the effects that read
 * it are queued; one microtask later each queued effect whose value really
 * changed is applied.
 *
 * Effects belong to groups, and groups form a tree that follows the DOM:
 * the whole view, each `each` row, each shown branch of an `if`. A group's
 * owner (the list, the `if`) disposes it when it removes that DOM, and
 * disposing a group disposes every group inside it, so no effect outlives
 * its DOM (unlike `@lit-labs/signals` 0.3.0's `watch`, which keeps its
 * computed watched after the binding is gone).
 *
 * An effect whose expression reads only its row's item (`row.label`) needs
 * no computed at all: it can only change when the list gives the row a new
 * item, and the list says so (`refresh`). An expression that reads nothing
 * is applied once, with no effect.
 *
 * A group's effects share one watcher. The polyfill's `Watcher.unwatch`
 * and `getPending` scan every signal a watcher watches, so one watcher for
 * a whole app made disposal O(n²) and every update O(all bindings); per
 * group both cost O(size of a row). And every signal and watcher the
 * polyfill makes is entered in its WeakSets (private-field brands): fewer
 * watchers means less to allocate and to collect.
 */
export class Reactor {
  /** The groups to flush; a set, so a group notified twice is applied once. */
  #queue = new Set<Group>();
  #live = 0;
  readonly #root: Group;
  /** The group that effects made now join. */
  #current: Group;
  #scheduled = false;
  #paused = false;
  /** Resolves after the flush that is scheduled (see `settled`). */
  #idle: Promise<void> = Promise.resolve();

  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
    // The root group, made while there is no current one: inside nothing.
    this.#root = this.#current = this.group(() => {});
  }

  /**
   * Computes `compute()` now, applies it, and applies it again whenever it
   * changes until the returned function is called or its group disposed.
   * `reads` (what the expression behind `compute` reads) lets constants and
   * item-only expressions do without a computed.
   */
  effect<T>(compute: () => T, apply: (value: T) => void, reads?: Reads): () => void {
    // What `compute` throws is reported, and the effect shows undefined.
    const guarded = () => {
      try {
        return compute();
      } catch (error) {
        this.#onError(error);
        return undefined;
      }
    };
    if (reads === CONSTANT) {
      this.#apply(guarded(), apply as Apply);
      return () => {};
    }
    const group = this.#current;
    const computed =
      reads !== undefined && reads === group.item ? undefined : new Signal.Computed(guarded);
    const effect: Effect = {
      computed,
      compute: guarded,
      apply: apply as Apply,
      last: computed === undefined ? guarded() : computed.get(),
      disposed: false,
    };
    if (computed !== undefined) group.watcher.watch(computed);
    group.effects.push(effect);
    this.#live++;
    this.#apply(effect.last, effect.apply);
    // What stops this one effect (its group may live on).
    return () => {
      if (effect.disposed) return;
      this.#stop(group, [effect]);
      group.effects = group.effects.filter((other) => other !== effect);
    };
  }

  /**
   * Tells a row's group that the row has a new item: its item-only effects
   * are computed again at the next flush.
   */
  refresh(group: Group): void {
    group.itemChanged = true;
    this.#enqueue(group);
  }

  /** The group effects made now join; owners keep it to make groups in. */
  get owner(): Group {
    return this.#current;
  }

  /**
   * Runs `make` with a new group, inside `parent`, as the current one: the
   * effects it makes (a row's, a branch's) belong to it. Dispose it with
   * `dispose` when its DOM goes. `item` names a row's item, for
   * effects that read nothing else.
   */
  group(
    make: () => void,
    parent: Group | undefined = this.#current,
    item?: string,
    depth = parent === undefined ? 0 : parent.depth + 1,
  ): Group {
    const outer = this.#current;
    const group: Group = {
      effects: [],
      watcher: new Signal.subtle.Watcher(() => this.#enqueue(group)),
      parent,
      children: undefined,
      disposed: false,
      depth,
      item,
      itemChanged: false,
    };
    if (parent !== undefined) (parent.children ??= new Set()).add(group);
    this.#current = group;
    try {
      make();
    } finally {
      this.#current = outer;
    }
    return group;
  }

  /**
   * An effect of its own group inside `owner`, applied before every other
   * group of a flush (a list's selector, which tells rows what changed).
   * It goes when `owner` does.
   */
  lead<T>(compute: () => T, apply: (value: T) => void, owner: Group): void {
    this.group(() => this.effect(compute, apply), owner, undefined, -1);
  }

  /**
   * Disposes a group, every group inside it and all their effects; by
   * default the root group, which stops every effect for good. (A disposed
   * group still queued is skipped by the flush.)
   */
  dispose(group: Group = this.#root): void {
    if (group.disposed) return;
    group.disposed = true;
    group.parent?.children?.delete(group);
    // Each child takes itself out of the set; a Set's forEach allows that.
    group.children?.forEach((child) => this.dispose(child));
    this.#stop(group, group.effects);
    group.effects = [];
  }

  /** The number of live effects, for leak checks. */
  get size(): number {
    return this.#live;
  }

  /** Resolves once every queued effect has been applied (or put off by `pause`). */
  settled(): Promise<void> {
    return this.#idle;
  }

  /**
   * Stops applying changes while the view is out of the document; they are
   * queued and applied by `resume`.
   */
  pause(): void {
    this.#paused = true;
  }

  /** Whether changes wait for `resume` (the view is out of the document). */
  get paused(): boolean {
    return this.#paused;
  }

  resume(): void {
    this.#paused = false;
    this.flush();
  }

  /** Applies queued effects now rather than at the next microtask. */
  flush(): void {
    this.#scheduled = false;
    // Effects queued while these are applied (rows an `each` updated) are
    // taken in the next round, until nothing is queued.
    while (this.#queue.size > 0 && !this.#paused) {
      // Outer groups first: a row's `if` settles before the branch it may
      // hide sees the row's new item, and a disposed group is skipped.
      const queue = [...this.#queue].sort((a, b) => a.depth - b.depth);
      for (const group of queue) {
        // Notified again before its turn, it is applied once; after, it
        // stays queued for the next round.
        this.#queue.delete(group);
        if (group.disposed) continue;
        // Re-arm first: a watcher notifies once, then waits for this call,
        // and what an apply below changes must notify again.
        group.watcher.watch();
        const itemChanged = group.itemChanged;
        group.itemChanged = false;
        // An earlier effect (an `if` or `each`) may dispose some of these
        // along with their DOM; disposal replaces the list rather than
        // changing it, so this walk sees the list as it was.
        for (const effect of group.effects) {
          const { computed } = effect;
          // An item-only effect has no computed: it runs when its row got a new item.
          if (effect.disposed || (computed === undefined && !itemChanged)) continue;
          // Reading a computed that did not change costs a version check.
          const value = computed === undefined ? effect.compute() : computed.get();
          if (Object.is(value, effect.last)) continue;
          effect.last = value;
          this.#apply(value, effect.apply);
        }
      }
    }
  }

  #apply(value: unknown, apply: Apply): void {
    try {
      apply(value);
    } catch (error) {
      this.#onError(error);
    }
  }

  /** Stops effects of `group`; the caller takes them out of its list. */
  #stop(group: Group, effects: readonly Effect[]): void {
    const computeds: Signal.Computed<unknown>[] = [];
    for (const effect of effects) {
      effect.disposed = true;
      if (effect.computed !== undefined) computeds.push(effect.computed);
    }
    if (computeds.length > 0) group.watcher.unwatch(...computeds);
    this.#live -= effects.length;
  }

  #enqueue(group: Group): void {
    // Called while a signal is being written: no signal may be read here.
    this.#queue.add(group);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Unless `flush` ran meanwhile, the microtask flushes; either way what
    // was queued has been applied when it resolves `settled`.
    this.#idle = new Promise((resolve) =>
      queueMicrotask(() => {
        if (this.#scheduled) this.flush();
        resolve();
      }),
    );
  }
}

type Apply = (value: unknown) => void;

/** Effects that share one watcher, and the groups inside them. */
export interface Group {
  effects: Effect[];
  readonly watcher: Signal.subtle.Watcher;
  readonly parent: Group | undefined;
  children: Set<Group> | undefined;
  disposed: boolean;
  /**
   * How many groups it is inside: outer groups are applied first. A lead
   * group has -1, before all.
   */
  readonly depth: number;
  /** The name of the row item, for a row's group. */
  readonly item: string | undefined;
  /** The row has a new item since the last flush. */
  itemChanged: boolean;
}

interface Effect {
  /** Undefined for an effect that reads only its row's item. */
  readonly computed: Signal.Computed<unknown> | undefined;
  readonly compute: () => unknown;
  readonly apply: Apply;
  last: unknown;
  disposed: boolean;
}
