/**
 * The methods a `call` expression may use, by the kind of its target, and
 * the global namespaces (`Math`, `JSON`, ...) that `var` can name.
 *
 * Everything here is pure: list methods that would mutate (`sort`,
 * `reverse`) work on a copy. A name missing from these tables is refused.
 */
import { describe, isPlainObject } from '../runtime/paths.js';

type Method = (target: never, args: unknown[]) => unknown;
type Table = Record<string, Method>;

/** Forwards to the prototype method of the same name. */
function forward(proto: object, names: string[]): Table {
  const table: Table = Object.create(null);
  for (const name of names) {
    const fn = (proto as Record<string, (...a: unknown[]) => unknown>)[name];
    table[name] = (target, args) => fn.apply(target, args);
  }
  return table;
}

const STRING = forward(String.prototype, [
  'at',
  'charAt',
  'concat',
  'endsWith',
  'includes',
  'indexOf',
  'lastIndexOf',
  'localeCompare',
  'match',
  'normalize',
  'padEnd',
  'padStart',
  'repeat',
  'replace',
  'replaceAll',
  'search',
  'slice',
  'split',
  'startsWith',
  'substring',
  'toLowerCase',
  'toUpperCase',
  'toString',
  'trim',
  'trimEnd',
  'trimStart',
]);

const LIST: Table = Object.assign(
  forward(Array.prototype, [
    'at',
    'concat',
    'every',
    'filter',
    'find',
    'findIndex',
    'findLast',
    'findLastIndex',
    'flat',
    'flatMap',
    'includes',
    'indexOf',
    'join',
    'lastIndexOf',
    'map',
    'slice',
    'some',
  ]),
  {
    reverse: (target: unknown[]) => target.slice().reverse(),
    sort: (target: unknown[], [by]: unknown[]) => sortCopy(target, by),
  },
);

const NUMBER = forward(Number.prototype, ['toFixed', 'toPrecision', 'toString', 'toLocaleString']);

/**
 * `sort` on a copy. With a lambda, the lambda gives each item's sort key;
 * numbers compare as numbers, everything else as strings.
 */
function sortCopy(list: unknown[], by: unknown): unknown[] {
  const keyOf = typeof by === 'function' ? (by as (x: unknown) => unknown) : (x: unknown) => x;
  const keyed = list.map((item, index) => ({ item, index, key: keyOf(item) }));
  keyed.sort((a, b) => compare(a.key, b.key) || a.index - b.index);
  return keyed.map((k) => k.item);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function namespace<T extends object>(methods: Table, constants: T): T {
  const ns = Object.freeze(Object.assign(Object.create(null), constants));
  NAMESPACE_METHODS.set(ns, methods);
  return ns;
}

const NAMESPACE_METHODS = new WeakMap<object, Table>();

function statics(owner: object, names: string[]): Table {
  const table: Table = Object.create(null);
  for (const name of names) {
    const fn = (owner as Record<string, (...a: unknown[]) => unknown>)[name];
    table[name] = (_ns, args) => fn(...args);
  }
  return table;
}

/** Globals that `var` resolves when no scope name matches. */
export const GLOBALS: Readonly<Record<string, object>> = Object.freeze({
  Math: namespace(
    statics(Math, [
      'abs',
      'acos',
      'asin',
      'atan',
      'atan2',
      'cbrt',
      'ceil',
      'cos',
      'exp',
      'floor',
      'hypot',
      'log',
      'log10',
      'log2',
      'max',
      'min',
      'pow',
      'random',
      'round',
      'sign',
      'sin',
      'sqrt',
      'tan',
      'trunc',
    ]),
    { PI: Math.PI, E: Math.E },
  ),
  JSON: namespace(statics(JSON, ['parse', 'stringify']), {}),
  Date: namespace(statics(Date, ['now', 'parse']), {}),
  Number: namespace(statics(Number, ['isFinite', 'isInteger', 'isNaN', 'parseFloat', 'parseInt']), {
    MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER,
  }),
  Object: namespace(statics(Object, ['keys', 'values', 'entries', 'fromEntries']), {}),
  Array: namespace(statics(Array, ['isArray']), {}),
});

/** Finds the allowed method `name` for `target`, or explains the refusal. */
export function findMethod(target: unknown, name: string): ((args: unknown[]) => unknown) | string {
  const table =
    typeof target === 'string'
      ? STRING
      : typeof target === 'number'
        ? NUMBER
        : Array.isArray(target)
          ? LIST
          : typeof target === 'object' && target !== null
            ? NAMESPACE_METHODS.get(target)
            : undefined;
  if (table !== undefined && Object.hasOwn(table, name)) {
    const method = table[name];
    return (args) => method(target as never, args);
  }
  const kind = isPlainObject(target) ? 'an object' : describe(target);
  return `"${name}" is not an allowed method of ${kind}`;
}
