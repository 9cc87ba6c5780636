import type { EvalContext } from '../expr/evaluate.js';
import type { EventHandler, ViewNode } from '../program/types.js';
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

/** A view node in its scope: what the directive that shows it is given. */
export interface NodeSpec<Node> {
  readonly node: Node;
  readonly scope: Scope;
  readonly ctx: ViewContext;
}

/** A node whose content is other nodes (an `if`'s branches, an `each`'s body). */
export interface ParentSpec<Node> extends NodeSpec<Node> {
  /** Renders one of those nodes in a scope, as a value for a lit child part. */
  render(child: ViewNode, scope: Scope): unknown;
}
