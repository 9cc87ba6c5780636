import { noChange, type ChildPart } from 'lit/html.js';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import type { Reactor } from './reactor.js';

/** A value computed from signals and the part it is shown in. */
export interface Binding {
  readonly reactor: Reactor;
  compute(): unknown;
  /** Turns the computed value into what the part shows. */
  present(value: unknown): unknown;
}

/**
 * Shows a binding in a child part and keeps it up to date. The effect lives
 * while the part is connected: lit disconnects the directive when its DOM
 * is removed (an `if` flips, an `each` row goes) or the app element leaves
 * the document, and the effect is disposed with it.
 */
class BindDirective extends AsyncDirective {
  private binding: Binding | undefined;
  private stop: (() => void) | undefined;

  render(_binding: Binding): unknown {
    return noChange;
  }

  override update(_part: ChildPart, [binding]: [Binding]): unknown {
    if (binding === this.binding && this.stop !== undefined) return noChange;
    this.stop?.();
    this.binding = binding;
    return this.start(binding);
  }

  /** Starts the effect and returns the first value to show. */
  private start(binding: Binding): unknown {
    let first = true;
    let initial: unknown;
    this.stop = binding.reactor.effect(
      () => binding.compute(),
      (value) => {
        const shown = binding.present(value);
        if (first) initial = shown;
        else this.setValue(shown);
      },
    );
    first = false;
    return initial;
  }

  protected override disconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }

  protected override reconnected(): void {
    if (this.binding !== undefined) this.setValue(this.start(this.binding));
  }
}

export const bind = directive(BindDirective);
