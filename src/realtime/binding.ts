/**
 * State bound to SSE messages. Each delivered message is bound separately,
 * with `transform` and `path` evaluated per message with `payload` in
 * scope. Plain binds write the value (keyed upsert in lists); patch binds
 * apply it as RFC 6902, completely or not at all.
 */
import { evaluate } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type { BindStep, Expr } from '../program/types.js';
import { ConstelaError } from '../runtime/errors.js';
import {
  describe,
  isForbiddenKey,
  isPlainObject,
  parsePath,
  PathError,
  type PathKey,
} from '../runtime/paths.js';
import { Scope } from '../runtime/scope.js';
import type { StepContext } from '../steps/context.js';
import { applyJsonPatch } from './patch.js';

/** A bind step and the run scope it was made in. */
export interface Binding {
  readonly step: BindStep;
  readonly scope: Scope;
}

/** Applies every binding that takes a message of `type`. */
export function applyBindings(
  bindings: readonly Binding[],
  type: string,
  names: [string, unknown][],
  ctx: StepContext,
): void {
  for (const { step, scope } of bindings) {
    if (step.eventType !== undefined && step.eventType !== type) continue;
    try {
      applyBinding(step, new Scope(scope, names), ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reported = new ConstelaError(
        'server',
        `bind "${step.target}": ${message}`,
        locate(step),
      );
      ctx.report(reported);
    }
  }
}

function applyBinding(step: BindStep, scope: Scope, ctx: StepContext): void {
  const { target, patch } = step;
  if (!ctx.store.has(target)) throw new Error(`there is no state field "${target}"`);
  const value =
    step.transform === undefined ? scope.get('payload') : evaluate(step.transform, scope, ctx);
  const keys = evaluatePath(step.path, scope, ctx);
  const write = patch ? (current: unknown) => applyJsonPatch(current, value) : () => value;
  ctx.store.writeBase(target, upsert(ctx.store.readBase(target), keys, write));
}

/** A step's `path`, evaluated and split into keys (none when absent). */
export function evaluatePath(path: Expr | undefined, scope: Scope, ctx: StepContext): PathKey[] {
  return path === undefined ? [] : parsePath(evaluate(path, scope, ctx));
}

/**
 * Replaces the value at `keys` inside `root` by `write(current)`, copying
 * what it changes. In a list, a step that is not a number is the `id` of
 * an item; when no item has it, `write(undefined)` is appended.
 */
function upsert(
  root: unknown,
  keys: readonly PathKey[],
  write: (current: unknown) => unknown,
  depth = 0,
): unknown {
  if (depth === keys.length) return write(root);
  const key = keys[depth];
  if (isForbiddenKey(key)) throw new PathError(`the path step "${key}" is not allowed`);
  if (Array.isArray(root)) {
    const index =
      typeof key === 'number'
        ? key
        : root.findIndex((item) => isPlainObject(item) && item.id === key);
    const copy = root.slice();
    if (index === -1) copy.push(upsert(undefined, keys, write, depth + 1));
    else if (Number.isInteger(index) && index >= 0) {
      copy[index] = upsert(root[index], keys, write, depth + 1);
    } else throw new PathError(`"${key}" is not a list index`);
    return copy;
  }
  if (root === undefined || root === null) {
    return typeof key === 'number'
      ? upsert([], keys, write, depth)
      : { [key]: upsert(undefined, keys, write, depth + 1) };
  }
  if (!isPlainObject(root)) throw new PathError(`cannot write "${key}" inside ${describe(root)}`);
  const next = Object.hasOwn(root, key) ? root[key as string] : undefined;
  return { ...root, [key]: upsert(next, keys, write, depth + 1) };
}
