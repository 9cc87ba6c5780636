import { Signal } from 'signal-polyfill';

/**
 * Runs effects for one app: each effect is a computed value and a function
 * that applies it to the DOM. When signals change, the watcher marks the
 * computeds it depends on; one microtask later every pending effect whose
 * value really changed is applied, parents before children.
 *
 * Unlike `@lit-labs/signals` 0.3.0's `watch` directive, which unwatches the
 * source signal rather than its own computed, disposing an effect here
 * unwatches exactly what was watched, so nothing stays subscribed after its
 * binding is gone.
 */
export class Reactor {
  private readonly effects = new Map<Signal.Computed<unknown>, Effect>();
  private readonly watcher = new Signal.subtle.Watcher(() => this.schedule());
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
    const effect: Effect = { computed, apply: apply as Apply, last: undefined };
    this.effects.set(computed, effect);
    effect.last = computed.get();
    this.watcher.watch(computed);
    try {
      effect.apply(effect.last);
    } catch (error) {
      this.onError(error);
    }
    return () => this.dispose(computed);
  }

  /** The number of live effects, for leak checks. */
  get size(): number {
    return this.effects.size;
  }

  /** Resolves once every pending effect has been applied. */
  settled(): Promise<void> {
    return this.idle;
  }

  /** Applies pending effects now rather than at the next microtask. */
  flush(): void {
    this.scheduled = false;
    const pending = this.watcher.getPending();
    for (const computed of pending) {
      const effect = this.effects.get(computed);
      // An earlier effect in this flush (an `if` or `each`) may have
      // disposed this one along with the DOM it was bound to.
      if (effect === undefined) continue;
      const value = computed.get();
      if (Object.is(value, effect.last)) continue;
      effect.last = value;
      try {
        effect.apply(value);
      } catch (error) {
        this.onError(error);
      }
    }
    // Re-arm the watcher: it notifies once, then waits for this call.
    this.watcher.watch();
    // A signal written while effects were applied is pending but, with the
    // watcher not yet re-armed, notified nobody: run another round.
    if (this.watcher.getPending().length > 0) {
      this.scheduled = false;
      this.schedule();
      return;
    }
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  /** Stops every effect. */
  dispose(computed?: Signal.Computed<unknown>): void {
    if (computed !== undefined) {
      if (this.effects.delete(computed)) this.watcher.unwatch(computed);
      return;
    }
    this.watcher.unwatch(...this.effects.keys());
    this.effects.clear();
  }

  private schedule(): void {
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
}
