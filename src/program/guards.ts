import type { EventHandler, Expr } from './types.js';

/**
 * Fields of a value that may be anything. Reading through `?.` is safe on
 * every JSON value: null and undefined give undefined, and strings, numbers
 * and booleans have no such own or inherited properties.
 */
type Probe = { expr?: unknown; event?: unknown; action?: unknown } | null | undefined;

/** Whether a value is an expression object (it has a string `expr`). */
export function isExpr(value: unknown): value is Expr {
  return typeof (value as Probe)?.expr === 'string';
}

/** Whether a prop value is `{ event, action, payload? }`. */
export function isEventHandler(value: unknown): value is EventHandler {
  return (
    typeof (value as Probe)?.event === 'string' && typeof (value as Probe)?.action === 'string'
  );
}

/** Whether a value is an object that is not a list (nor null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
