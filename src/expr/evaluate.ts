/**
 * Evaluates expressions. Reads of state and of reactive scope names go
 * through signals, so evaluating inside a computed tracks exactly what the
 * expression read.
 */
import type { BinOp, Expr } from '../program/types.js';
import { isExpr } from '../program/guards.js';
import { locate } from '../program/locations.js';
import { ConstelaError, unreachable, warn } from '../runtime/errors.js';
import { describe, getIn, parsePath, isForbiddenKey, type PathKey } from '../runtime/paths.js';
import { MISSING, Scope } from '../runtime/scope.js';
import type { Store } from '../runtime/store.js';
import { GLOBALS, findMethod } from './methods.js';
import { DEV } from '../dev.js';

export interface EvalContext {
  readonly store: Store;
}

export function evaluate(expr: Expr, scope: Scope, ctx: EvalContext): unknown {
  switch (expr.expr) {
    case 'lit':
      return expr.value;
    case 'state':
      // An undeclared field reads as undefined (the store has no value for it).
      if (DEV && !ctx.store.has(expr.name))
        warn(`state "${expr.name}" is not declared`, locate(expr));
      return withPath(ctx.store.read(expr.name), expr.path);
    case 'var':
    case 'param':
      return withPath(lookup(expr.name, scope, expr), expr.path);
    case 'local':
      if (DEV) warn(`"local" reads component state, and there is no component here`, locate(expr));
      return undefined;
    case 'get':
      return withPath(evaluate(expr.base, scope, ctx), expr.path);
    case 'index': {
      // getIn refuses the forbidden keys.
      const key = evaluate(expr.key, scope, ctx);
      if (typeof key !== 'string' && typeof key !== 'number') return undefined;
      return getIn(evaluate(expr.base, scope, ctx), [key]);
    }
    case 'bin': {
      // In a list's row, `row.id == state selected` is answered by the
      // list's selector, so that a change of `selected` re-runs two rows.
      const same = scope.rows?.equal(expr, scope);
      if (same !== undefined) return expr.op === '==' ? same : !same;
      return binary(expr.op, expr.left, expr.right, scope, ctx);
    }
    case 'not':
      return !evaluate(expr.operand, scope, ctx);
    case 'cond':
      return evaluate(expr.if, scope, ctx)
        ? evaluate(expr.then, scope, ctx)
        : evaluate(expr.else, scope, ctx);
    case 'concat':
      return expr.items.map((item) => toText(evaluate(item, scope, ctx))).join('');
    case 'array':
      return expr.elements.map((element) => evaluate(element, scope, ctx));
    case 'obj':
      return evaluateRecord(expr.props, scope, ctx);
    case 'call': {
      const target = evaluate(expr.target, scope, ctx);
      const method = findMethod(target, expr.method);
      if (method === undefined) {
        const message = `"${expr.method}" is not an allowed method of ${describe(target)}`;
        throw new ConstelaError('expression', message, locate(expr));
      }
      const args = (expr.args ?? []).map((arg) => evaluate(arg, scope, ctx));
      return method.apply(target, args);
    }
    case 'lambda':
      return (item: unknown, index: unknown) => {
        const names: [string, unknown][] = [[expr.param, item]];
        if (expr.index !== undefined) names.push([expr.index, index]);
        return evaluate(expr.body, new Scope(scope, names), ctx);
      };
    default:
      return unreachable(expr);
  }
}

/** The value of an optional field: undefined when the field is absent. */
export function evaluateOptional(expr: Expr | undefined, scope: Scope, ctx: EvalContext): unknown {
  return expr === undefined ? undefined : evaluate(expr, scope, ctx);
}

/**
 * Evaluates a field that is one expression or an object of expressions
 * (handler payloads, request headers): the value, or an object of values.
 */
export function evaluateExprOrRecord(
  value: Expr | Record<string, Expr>,
  scope: Scope,
  ctx: EvalContext,
): unknown {
  return isExpr(value) ? evaluate(value, scope, ctx) : evaluateRecord(value, scope, ctx);
}

/** An object of the values of `props`; forbidden keys are left out. */
function evaluateRecord(props: Record<string, Expr>, scope: Scope, ctx: EvalContext): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (!isForbiddenKey(key)) out[key] = evaluate(value, scope, ctx);
  }
  return out;
}

function lookup(name: string, scope: Scope, expr: Expr): unknown {
  const value = scope.find(name);
  if (value !== MISSING) return value;
  if (Object.hasOwn(GLOBALS, name)) return GLOBALS[name];
  if (DEV) warn(`"${name}" is not defined here`, locate(expr));
  return undefined;
}

function withPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined) return value;
  let keys = staticPaths.get(path);
  if (keys === undefined) staticPaths.set(path, (keys = parsePath(path)));
  return getIn(value, keys);
}

/**
 * The `path` fields of expressions, parsed once: they are strings written
 * in programs, so there are only so many, and bindings read them often.
 */
const staticPaths = new Map<string, readonly PathKey[]>();

function binary(
  op: BinOp,
  leftExpr: Expr,
  rightExpr: Expr,
  scope: Scope,
  ctx: EvalContext,
): unknown {
  const left = evaluate(leftExpr, scope, ctx) as never;
  // `&&` and `||` short-circuit: the right side is not evaluated (or read).
  if (op === '&&') return left && evaluate(rightExpr, scope, ctx);
  if (op === '||') return left || evaluate(rightExpr, scope, ctx);
  const right = evaluate(rightExpr, scope, ctx) as never;
  switch (op) {
    case '+':
      return (left as number) + (right as number);
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
    case '%':
      return left % right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    default:
      return unreachable(op);
  }
}

/**
 * How a value shows as text: `null`/`undefined` as empty, objects and lists
 * as JSON, everything else as `String` does.
 */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return '';
    }
  }
  return String(value);
}
