import type { EventHandler, Expr } from './types.js';

/** Whether a value is an expression object (it has a string `expr`). */
export function isExpr(value: unknown): value is Expr {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { expr?: unknown }).expr === 'string'
  );
}

/** Whether a prop value is `{ event, action, payload? }`. */
export function isEventHandler(value: unknown): value is EventHandler {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { event?: unknown }).event === 'string' &&
    typeof (value as { action?: unknown }).action === 'string'
  );
}
