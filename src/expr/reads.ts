/**
 * What an expression reads, found once per expression node: nothing (a
 * constant), exactly one name in scope (a loop variable), or more than
 * that (state, several names, a lambda). A binding whose expression reads
 * only a row's item can only change when that item does.
 */
import type { Expr } from '../program/types.js';
import { unreachable } from '../runtime/errors.js';

/** The one name read; `CONSTANT` for none; `MANY` for anything more. */
export type Reads = string | typeof CONSTANT | typeof MANY;

export const CONSTANT = Symbol('constant');
export const MANY = Symbol('many');

const cache = new WeakMap<Expr, Reads>();

export function readsOf(expr: Expr): Reads {
  let reads = cache.get(expr);
  if (reads === undefined) cache.set(expr, (reads = analyse(expr)));
  return reads;
}

/** Whether `expr` reads nothing but the name `name` (or nothing at all). */
export function readsOnly(expr: Expr, name: string): boolean {
  const reads = readsOf(expr);
  return reads === CONSTANT || reads === name;
}

function analyse(expr: Expr): Reads {
  switch (expr.expr) {
    case 'lit':
      return CONSTANT;
    case 'var':
    case 'param':
      return expr.name;
    case 'get':
      return readsOf(expr.base);
    case 'index':
      return all([expr.base, expr.key]);
    case 'bin':
      return all([expr.left, expr.right]);
    case 'not':
      return readsOf(expr.operand);
    case 'cond':
      return all([expr.if, expr.then, expr.else]);
    case 'concat':
      return all(expr.items);
    case 'array':
      return all(expr.elements);
    case 'obj':
      return all(Object.values(expr.props));
    case 'call':
      return all([expr.target, ...(expr.args ?? [])]);
    case 'state':
    case 'local':
    case 'lambda':
      return MANY;
    default:
      return unreachable(expr);
  }
}

function all(exprs: readonly Expr[]): Reads {
  return exprs.reduce<Reads>((reads, e) => both(reads, readsOf(e)), CONSTANT);
}

function both(a: Reads, b: Reads): Reads {
  if (a === CONSTANT) return b;
  if (b === CONSTANT || a === b) return a;
  return MANY;
}
