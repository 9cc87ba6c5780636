import type { EvalContext } from '../expr/evaluate.js';
import type { EventHandler } from '../program/types.js';
import type { Scope } from '../runtime/scope.js';
import type { Reactor } from './reactor.js';

/** What the view needs from the running app. */
export interface ViewContext extends EvalContext {
  readonly reactor: Reactor;
  /** Runs the action of `handler` for a DOM event fired in `scope`. */
  handleEvent(handler: EventHandler, scope: Scope, event: Event): void;
  /** Reports a problem found while rendering. */
  report(error: unknown, path?: string): void;
}
