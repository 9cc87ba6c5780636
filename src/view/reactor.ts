import { Signal } from 'signal-polyfill';

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
 * A group's effects share one watcher. The polyfill's `Watcher.unwatch`
 * and `getPending` scan every signal a watcher watches, so one watcher for
 * a whole app made disposal O(n²) and every update O(all bindings); per
 * group both cost O(size of a row). And every signal and watcher the
 * polyfill makes is entered in its WeakSets (private-field brands): fewer
 * watchers means less to allocate and to collect.
 */
export class Reactor {
  private queue: Group[] = [];
  private live = 0;
  private readonly root: Group;
  /** The group that effects made now join. */
  private current: Group;
  private scheduled = false;
  private paused = false;
  private idle: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(private readonly onError: (error: unknown) => void) {
    this.root = this.current = this.newGroup(undefined);
  }

  /**
   * Computes `compute()` now, applies it, and applies it again whenever it
   * changes until the returned function is called or its group disposed.
   */
  effect<T>(compute: () => T, apply: (value: T) => void): () => void {
    const computed = new Signal.Computed(() => {
      try {
        return compute();
      } catch (error) {
        this.onError(error);
        return undefined;
      }
    });
    const group = this.current;
    const effect: Effect = {
      computed,
      apply: apply as Apply,
      last: undefined,
      group,
      disposed: false,
    };
    group.effects.push(effect);
    this.live++;
    effect.last = computed.get();
    group.watcher.watch(computed);
    try {
      effect.apply(effect.last);
    } catch (error) {
      this.onError(error);
    }
    return () => this.disposeEffect(effect);
  }

  /** The group effects made now join; owners keep it to make groups in. */
  get owner(): Group {
    return this.current;
  }

  /**
   * Runs `make` with a new group, inside `parent`, as the current one: the
   * effects it makes (a row's, a branch's) belong to it. Dispose it with
   * `disposeGroup` when its DOM goes.
   */
  group(make: () => void, parent: Group = this.current): Group {
    const outer = this.current;
    const group = (this.current = this.newGroup(parent));
    try {
      make();
    } finally {
      this.current = outer;
    }
    return group;
  }

  /** Disposes a group, every group inside it and all their effects. */
  disposeGroup(group: Group): void {
    if (group.disposed) return;
    group.disposed = true;
    group.parent?.children?.delete(group);
    this.disposeTree(group);
  }

  /** Whether a group was disposed (its DOM is gone). */
  isDisposed(group: Group): boolean {
    return group.disposed;
  }

  /** The number of live effects, for leak checks. */
  get size(): number {
    return this.live;
  }

  /** Resolves once every queued effect has been applied (or put off by `pause`). */
  settled(): Promise<void> {
    return this.idle;
  }

  /**
   * Stops applying changes while the view is out of the document; they are
   * queued and applied by `resume`.
   */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    if (this.queue.length > 0) this.flush();
  }

  /** Applies queued effects now rather than at the next microtask. */
  flush(): void {
    this.scheduled = false;
    // Effects queued while these are applied (rows an `each` updated) are
    // taken in the next round, until nothing is queued.
    while (this.queue.length > 0 && !this.paused) {
      const queue = this.queue;
      this.queue = [];
      for (const group of queue) {
        if (group.disposed) continue;
        // Re-arm first: a watcher notifies once, then waits for this call,
        // and what an apply below changes must notify again.
        group.watcher.watch();
        // An earlier effect (an `if` or `each`) may dispose some of these
        // along with their DOM: a copy is walked.
        for (const effect of group.effects.slice()) {
          if (effect.disposed) continue;
          // Reading a computed that did not change costs a version check.
          const value = effect.computed.get();
          if (Object.is(value, effect.last)) continue;
          effect.last = value;
          try {
            effect.apply(value);
          } catch (error) {
            this.onError(error);
          }
        }
      }
    }
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  /** Stops every effect. */
  dispose(): void {
    this.disposeTree(this.root);
    this.queue = [];
  }

  private newGroup(parent: Group | undefined): Group {
    const group: Group = {
      effects: [],
      watcher: new Signal.subtle.Watcher(() => this.enqueue(group)),
      parent,
      children: undefined,
      disposed: false,
    };
    if (parent !== undefined) (parent.children ??= new Set()).add(group);
    return group;
  }

  private disposeTree(group: Group): void {
    if (group.children !== undefined) {
      for (const child of group.children) {
        child.disposed = true;
        this.disposeTree(child);
      }
      group.children = undefined;
    }
    const effects = group.effects;
    if (effects.length === 0) return;
    for (const effect of effects) effect.disposed = true;
    group.watcher.unwatch(...effects.map((effect) => effect.computed));
    this.live -= effects.length;
    group.effects = [];
  }

  private disposeEffect(effect: Effect): void {
    if (effect.disposed) return;
    effect.disposed = true;
    const { effects, watcher } = effect.group;
    watcher.unwatch(effect.computed);
    effects.splice(effects.indexOf(effect), 1);
    this.live--;
  }

  private enqueue(group: Group): void {
    // Called while a signal is being written: no signal may be read here.
    this.queue.push(group);
    if (this.scheduled) return;
    this.scheduled = true;
    if (this.release === undefined) {
      this.idle = new Promise((resolve) => (this.release = resolve));
    }
    queueMicrotask(() => {
      if (this.scheduled) this.flush();
    });
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
}

interface Effect {
  readonly computed: Signal.Computed<unknown>;
  readonly apply: Apply;
  last: unknown;
  readonly group: Group;
  disposed: boolean;
}
