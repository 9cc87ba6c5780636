/** `set`, `update` and `setPath`: writes to state, always to the base. */
import { evaluate, evaluateOptional } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type { SetPathStep, SetStep, UpdateStep } from '../program/types.js';
import { ConstelaError, warn } from '../runtime/errors.js';
import { parsePath, updateIn, describe, type PathKey } from '../runtime/paths.js';
import type { Scope } from '../runtime/scope.js';
import type { StepContext } from './context.js';
import { DEV } from '../dev.js';

/**
 * Writes `fn(old)` at the step's `target` (`"todos.0.done"`: field `todos`,
 * keys `[0, "done"]`), followed by `keys`.
 */
function write(
  step: SetStep | SetPathStep | UpdateStep,
  ctx: StepContext,
  fn: (old: unknown) => unknown,
  keys: readonly PathKey[] = [],
): void {
  const [field, ...prefix] = parsePath(step.target);
  const name = String(field);
  if (!ctx.store.has(name)) {
    if (DEV) warn(`state "${name}" is not declared, so nothing was written`, locate(step));
    return;
  }
  ctx.store.writeBase(name, updateIn(ctx.store.readBase(name), [...prefix, ...keys], fn));
}

export function runSet(step: SetStep, scope: Scope, ctx: StepContext): void {
  const value = evaluate(step.value, scope, ctx);
  write(step, ctx, () => value);
}

export function runSetPath(step: SetPathStep, scope: Scope, ctx: StepContext): void {
  const keys = parsePath(evaluate(step.path, scope, ctx));
  const value = evaluate(step.value, scope, ctx);
  write(step, ctx, () => value, keys);
}

export function runUpdate(step: UpdateStep, scope: Scope, ctx: StepContext): void {
  const value = evaluateOptional(step.value, scope, ctx);
  const index = evaluateOptional(step.index, scope, ctx);
  const deleteCount = evaluateOptional(step.deleteCount, scope, ctx);
  const op = step.operation;

  write(step, ctx, (old) => {
    switch (op) {
      case 'increment':
        return toNumber(old) + amount(value);
      case 'decrement':
        return toNumber(old) - amount(value);
      case 'toggle':
        return !old;
      case 'merge':
        return { ...asObject(old, step), ...asObject(value, step) };
      case 'push':
        return [...asList(old, step), value];
      case 'pop':
        return asList(old, step).slice(0, -1);
      case 'remove':
        return asList(old, step).filter((item) => !deepEqual(item, value));
      case 'replaceAt':
        return spliced(old, step, index, false, 1, [value]);
      case 'insertAt':
        return spliced(old, step, index, true, 0, [value]);
      case 'splice': {
        const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
        const count = deleteCount === undefined ? 1 : toNumber(deleteCount);
        return spliced(old, step, index, true, count, items);
      }
      default:
        throw new ConstelaError('step', `unknown update operation "${op}"`, locate(step));
    }
  });
}

/**
 * A copy of the list `old` with `count` items at `index` replaced by
 * `items`. `end`: the index may be the list's length.
 */
function spliced(
  old: unknown,
  step: UpdateStep,
  index: unknown,
  end: boolean,
  count: number,
  items: unknown[],
): unknown[] {
  const list = asList(old, step);
  const copy = list.slice();
  copy.splice(toIndex(index, list, step, end), count, ...items);
  return copy;
}

/** A number, or 0 for anything that is not one (undefined included). */
function toNumber(value: unknown): number {
  const n = Number(value);
  return Number.isNaN(n) ? 0 : n;
}

/** By how much `increment` and `decrement` change: `value`, default 1. */
function amount(value: unknown): number {
  return value === undefined ? 1 : toNumber(value);
}

function toIndex(value: unknown, list: unknown[], step: UpdateStep, end: boolean): number {
  const n = Number(value);
  const max = end ? list.length : list.length - 1;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new ConstelaError(
      'step',
      `index ${describe(value)} is outside the list (0 to ${max})`,
      locate(step),
    );
  }
  return n;
}

function asList(value: unknown, step: UpdateStep): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw wrongKind(value, 'a list', step);
}

function asObject(value: unknown, step: UpdateStep): object {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value;
  throw wrongKind(value, 'an object', step);
}

function wrongKind(value: unknown, kind: string, step: UpdateStep): ConstelaError {
  return new ConstelaError(
    'step',
    `"${step.operation}" needs ${kind}, found ${describe(value)}`,
    locate(step),
  );
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  // Otherwise: two objects, or two lists, with equal values at the same keys.
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
