/** `set`, `update` and `setPath`: writes to state, always to the base. */
import { evaluate } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type { SetPathStep, SetStep, UpdateStep } from '../program/types.js';
import { ConstelaError, warn } from '../runtime/errors.js';
import { parsePath, updateIn, describe, type PathKey } from '../runtime/paths.js';
import type { Scope } from '../runtime/scope.js';
import type { StepContext } from './context.js';
import { DEV } from '../dev.js';

/** Writes `fn(old)` at `keys` inside the state field `name`. */
function write(
  ctx: StepContext,
  name: string,
  keys: readonly PathKey[],
  fn: (old: unknown) => unknown,
  step: object,
): void {
  if (!ctx.store.has(name)) {
    if (DEV) warn(`state "${name}" is not declared, so nothing was written`, locate(step));
    return;
  }
  ctx.store.writeBase(name, updateIn(ctx.store.readBase(name), keys, fn));
}

/** `"todos.0.done"` → field `todos`, keys `[0, "done"]`. */
function splitTarget(target: string): [string, PathKey[]] {
  const [name, ...rest] = parsePath(target);
  return [String(name), rest];
}

export function runSet(step: SetStep, scope: Scope, ctx: StepContext): void {
  const value = evaluate(step.value, scope, ctx);
  const [name, keys] = splitTarget(step.target);
  write(ctx, name, keys, () => value, step);
}

export function runSetPath(step: SetPathStep, scope: Scope, ctx: StepContext): void {
  const keys = parsePath(evaluate(step.path, scope, ctx));
  const value = evaluate(step.value, scope, ctx);
  const [name, prefix] = splitTarget(step.target);
  write(ctx, name, [...prefix, ...keys], () => value, step);
}

export function runUpdate(step: UpdateStep, scope: Scope, ctx: StepContext): void {
  const arg = (expr: UpdateStep['value']) =>
    expr === undefined ? undefined : evaluate(expr, scope, ctx);
  const value = arg(step.value);
  const index = arg(step.index);
  const deleteCount = arg(step.deleteCount);
  const [name, keys] = splitTarget(step.target);
  const op = step.operation;

  write(
    ctx,
    name,
    keys,
    (old) => {
      switch (op) {
        case 'increment':
          return toNumber(old) + (value === undefined ? 1 : toNumber(value));
        case 'decrement':
          return toNumber(old) - (value === undefined ? 1 : toNumber(value));
        case 'toggle':
          return !old;
        case 'merge':
          return { ...asObject(old, op, step), ...asObject(value ?? {}, op, step) };
        default: {
          const list = asList(old, op, step);
          switch (op) {
            case 'push':
              return [...list, value];
            case 'pop':
              return list.slice(0, -1);
            case 'remove':
              return list.filter((item) => !deepEqual(item, value));
            case 'replaceAt': {
              const copy = list.slice();
              copy[toIndex(index, list, step)] = value;
              return copy;
            }
            case 'insertAt': {
              const copy = list.slice();
              copy.splice(toIndex(index, list, step, true), 0, value);
              return copy;
            }
            case 'splice': {
              const copy = list.slice();
              const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
              const count = deleteCount === undefined ? 1 : toNumber(deleteCount);
              copy.splice(toIndex(index, list, step, true), count, ...items);
              return copy;
            }
            default:
              throw new ConstelaError('step', `unknown update operation "${op}"`, locate(step));
          }
        }
      }
    },
    step,
  );
}

function toNumber(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isNaN(n) ? 0 : n;
}

function toIndex(value: unknown, list: unknown[], step: object, end = false): number {
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

function asList(value: unknown, op: string, step: object): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw new ConstelaError('step', `"${op}" needs a list, found ${describe(value)}`, locate(step));
}

function asObject(value: unknown, op: string, step: object): object {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value;
  throw new ConstelaError(
    'step',
    `"${op}" needs an object, found ${describe(value)}`,
    locate(step),
  );
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
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
