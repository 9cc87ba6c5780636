import { Signal } from 'signal-polyfill';

/**
 * Runs effects for one app: each effect is a computed value and a function
 * that applies it to the DOM. When a signal changes, the effects that read
 * it are queued; one microtask later each queued effect whose value really
 * changed is applied.
 *
 * Effects are watched in small groups, one watcher per group: the effects
 * made while one `each` row is created share a watcher, any other effect
 * has one of its own. The polyfill's `Watcher.unwatch` and `getPending`
 * scan every signal a watcher watches, so one watcher for a whole app made
 * disposing n bindings cost O(n²) and every update O(all bindings); with
 * groups both cost O(size of a row). Sharing matters because every signal
 * and watcher the polyfill makes is entered in WeakSets (its private-field
 * brands): fewer watchers means less to allocate and to collect.
 *
 * Unlike `@lit-labs/signals` 0.3.0's `watch` directive, which unwatches the
 * source signal rather than its own computed, disposing an effect here
 * unwatches exactly what was watched, so nothing stays subscribed after its
 * binding is gone.
 */
export class Reactor {
  private queue: Group[] = [];
  private live = 0;
  private readonly groups = new Set<Group>();
  /** The group that effects made now join (inside `grouped`). */
  private current: Group | undefined;
  private scheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(private readonly onError: (error: unknown) => void) {}

  /**
   * Computes `compute()` now, applies it, and applies it again whenever it
   * changes until the returned function is called.
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
    const group = this.current ?? this.newGroup();
    const effect: Effect = { computed, apply: apply as Apply, last: undefined, group };
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

  /** Runs `make`; the effects it makes share one watcher. */
  grouped<T>(make: () => T): T {
    const outer = this.current;
    this.current = this.newGroup();
    try {
      return make();
    } finally {
      if (this.current.effects.length === 0) this.groups.delete(this.current);
      this.current = outer;
    }
  }

  /** The number of live effects, for leak checks. */
  get size(): number {
    return this.live;
  }

  /** Resolves once every queued effect has been applied. */
  settled(): Promise<void> {
    return this.idle;
  }

  /** Applies queued effects now rather than at the next microtask. */
  flush(): void {
    this.scheduled = false;
    // Effects queued while these are applied (rows an `each` updated) are
    // taken in the next round, until nothing is queued.
    while (this.queue.length > 0) {
      const queue = this.queue;
      this.queue = [];
      for (const group of queue) {
        // Re-arm first: a watcher notifies once, then waits for this call,
        // and what an apply below changes must notify again.
        group.watcher.watch();
        // An earlier effect (an `if` or `each`) may have disposed some of
        // these along with the DOM they were bound to: a copy is walked.
        for (const effect of group.effects.slice()) {
          if (effect.group === undefined) continue;
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
    for (const group of this.groups) {
      for (const effect of group.effects.slice()) this.disposeEffect(effect);
    }
    this.queue = [];
  }

  private newGroup(): Group {
    const group: Group = {
      effects: [],
      watcher: new Signal.subtle.Watcher(() => this.enqueue(group)),
    };
    this.groups.add(group);
    return group;
  }

  private disposeEffect(effect: Effect): void {
    const group = effect.group;
    if (group === undefined) return;
    effect.group = undefined;
    group.watcher.unwatch(effect.computed);
    const effects = group.effects;
    effects.splice(effects.indexOf(effect), 1);
    if (effects.length === 0 && group !== this.current) this.groups.delete(group);
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

/** Effects that share one watcher. */
interface Group {
  readonly effects: Effect[];
  readonly watcher: Signal.subtle.Watcher;
}

interface Effect {
  readonly computed: Signal.Computed<unknown>;
  readonly apply: Apply;
  last: unknown;
  /** Its group while it is alive; undefined once disposed. */
  group: Group | undefined;
}
