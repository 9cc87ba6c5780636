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
  getIn,
  isForbiddenKey,
  isPlainObject,
  parsePath,
  updateIn,
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
      ctx.report(new ConstelaError('server', `bind "${step.target}": ${message}`, locate(step)));
    }
  }
}

function applyBinding(step: BindStep, scope: Scope, ctx: StepContext): void {
  const { target, patch } = step;
  if (!ctx.store.has(target)) throw new Error(`there is no state field "${target}"`);
  const value =
    step.transform === undefined ? scope.get('payload') : evaluate(step.transform, scope, ctx);
  const keys = evaluatePath(step.path, scope, ctx);
  const base = ctx.store.readBase(target);
  const write = patch ? (current: unknown) => applyJsonPatch(current, value) : () => value;
  ctx.store.writeBase(target, updateIn(base, resolveKeys(base, keys), write));
}

/** A step's `path`, evaluated and split into keys (none when absent). */
export function evaluatePath(path: Expr | undefined, scope: Scope, ctx: StepContext): PathKey[] {
  return path === undefined ? [] : parsePath(evaluate(path, scope, ctx));
}

/**
 * Resolves the keyed steps of `keys` inside `root`, for `updateIn`: in a
 * list, a step that is not a number is the `id` of an item; a step that
 * finds no item, or -1, is the end of the list, so that writing appends
 * (to a new list, where there is none yet). `__proto__`, `prototype` and
 * `constructor` are refused, as ids too.
 */
function resolveKeys(root: unknown, keys: readonly PathKey[]): PathKey[] {
  let current = root;
  return keys.map((key) => {
    // Refused here, before an id lookup turns the step into an index.
    if (isForbiddenKey(key)) throw new Error(`the path step "${key}" is not allowed`);
    const list = Array.isArray(current)
      ? current
      : current == null && typeof key === 'number'
        ? []
        : undefined;
    let step = key;
    if (list !== undefined) {
      const index =
        typeof key === 'number'
          ? key
          : list.findIndex((item) => isPlainObject(item) && item.id === key);
      step = index === -1 ? list.length : index;
    }
    current = getIn(current, [step]);
    return step;
  });
}
