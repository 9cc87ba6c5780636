import { Signal } from 'signal-polyfill';

/**
 * Runs effects for one app: each effect is a computed value and a function
 * that applies it to the DOM. When a signal changes, the effects that read
 * it are queued; one microtask later each queued effect whose value really
 * changed is applied.
 *
 * Each effect has a watcher of its own. The polyfill's `Watcher.unwatch`
 * and `getPending` scan every signal the watcher watches, so one watcher
 * for a whole app made disposing n bindings cost O(n²) and every update
 * cost O(all bindings); with one watcher per effect both are O(1), and a
 * flush touches only the effects that were notified.
 *
 * Unlike `@lit-labs/signals` 0.3.0's `watch` directive, which unwatches the
 * source signal rather than its own computed, disposing an effect here
 * unwatches exactly what was watched, so nothing stays subscribed after its
 * binding is gone.
 */
export class Reactor {
  private queue: Effect[] = [];
  private live = 0;
  private readonly all = new Set<Effect>();
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
    const effect: Effect = {
      computed,
      apply: apply as Apply,
      last: undefined,
      watcher: new Signal.subtle.Watcher(() => this.enqueue(effect)),
      disposed: false,
    };
    this.all.add(effect);
    this.live++;
    effect.last = computed.get();
    effect.watcher.watch(computed);
    try {
      effect.apply(effect.last);
    } catch (error) {
      this.onError(error);
    }
    return () => this.disposeEffect(effect);
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
      for (const effect of queue) {
        // An earlier effect (an `if` or `each`) may have disposed this one
        // along with the DOM it was bound to.
        if (effect.disposed) continue;
        const value = effect.computed.get();
        // Re-arm: a watcher notifies once, then waits for this call.
        effect.watcher.watch();
        if (Object.is(value, effect.last)) continue;
        effect.last = value;
        try {
          effect.apply(value);
        } catch (error) {
          this.onError(error);
        }
      }
    }
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  /** Stops every effect. */
  dispose(): void {
    for (const effect of this.all) this.disposeEffect(effect);
    this.queue = [];
  }

  private disposeEffect(effect: Effect): void {
    if (effect.disposed) return;
    effect.disposed = true;
    effect.watcher.unwatch(effect.computed);
    this.all.delete(effect);
    this.live--;
  }

  private enqueue(effect: Effect): void {
    // Called while a signal is being written: no signal may be read here.
    this.queue.push(effect);
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

interface Effect {
  readonly computed: Signal.Computed<unknown>;
  readonly apply: Apply;
  last: unknown;
  readonly watcher: Signal.subtle.Watcher;
  disposed: boolean;
}
