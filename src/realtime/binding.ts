/**
 * State bound to SSE messages. Each delivered message is bound separately,
 * with `transform` and `path` evaluated per message with `payload` in
 * scope. Plain binds write the value (keyed upsert in lists); patch binds
 * apply it as RFC 6902, completely or not at all.
 */
import { evaluate } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type { BindStep } from '../program/types.js';
import { ConstelaError } from '../runtime/errors.js';
import {
  describe,
  getIn,
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
  if (!ctx.store.has(step.target)) {
    throw new Error(`there is no state field "${step.target}"`);
  }
  const value =
    step.transform === undefined ? scope.get('payload') : evaluate(step.transform, scope, ctx);
  const keys = step.path === undefined ? [] : parsePath(evaluate(step.path, scope, ctx));
  const base = ctx.store.readBase(step.target);
  if (step.patch) {
    const patched = keys.length === 0 ? applyJsonPatch(base, value) : patchAt(base, keys, value);
    ctx.store.writeBase(step.target, patched);
  } else {
    ctx.store.writeBase(step.target, upsert(base, keys, value));
  }
}

/** Applies a patch to the value at `keys` (located as `upsert` does). */
function patchAt(base: unknown, keys: readonly PathKey[], patch: unknown): unknown {
  const current = getIn(base, resolveKeys(base, keys));
  return upsert(base, keys, applyJsonPatch(current, patch));
}

/** Resolves keyed steps (item ids in lists) into indexes, for reading. */
function resolveKeys(root: unknown, keys: readonly PathKey[]): PathKey[] {
  const out: PathKey[] = [];
  let current = root;
  for (const key of keys) {
    const step = Array.isArray(current) && typeof key === 'string' ? indexById(current, key) : key;
    if (step === -1) return [...out, Number.NaN];
    out.push(step);
    current = getIn(current, [step]);
  }
  return out;
}

function indexById(list: readonly unknown[], id: string): number {
  return list.findIndex((item) => isPlainObject(item) && item.id === id);
}

/**
 * Writes `value` at `keys` inside `root`, copying what it changes. In a
 * list, a step that is not a number is the `id` of an item; when no item
 * has it, a new one is appended.
 */
export function upsert(
  root: unknown,
  keys: readonly PathKey[],
  value: unknown,
  depth = 0,
): unknown {
  if (depth === keys.length) return value;
  const key = keys[depth];
  if (isForbiddenKey(key)) throw new PathError(`the path step "${key}" is not allowed`);
  if (Array.isArray(root)) {
    const index = typeof key === 'number' ? key : indexById(root, key);
    const copy = root.slice();
    if (index === -1) copy.push(upsert(undefined, keys, value, depth + 1));
    else if (Number.isInteger(index) && index >= 0) {
      copy[index] = upsert(root[index], keys, value, depth + 1);
    } else throw new PathError(`"${key}" is not a list index`);
    return copy;
  }
  if (root === undefined || root === null) {
    return typeof key === 'number'
      ? upsert([], keys, value, depth)
      : { [key]: upsert(undefined, keys, value, depth + 1) };
  }
  if (!isPlainObject(root)) throw new PathError(`cannot write "${key}" inside ${describe(root)}`);
  const next = Object.prototype.hasOwnProperty.call(root, key) ? root[key as string] : undefined;
  return { ...root, [key]: upsert(next, keys, value, depth + 1) };
}
