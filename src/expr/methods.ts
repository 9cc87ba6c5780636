/**
 * The methods a `call` expression may use, by the kind of its target, and
 * the global namespaces (`Math`, `JSON`, ...) that `var` can name.
 *
 * Everything here is pure: list methods that would mutate (`sort`,
 * `reverse`) work on a copy. A name missing from these tables is refused.
 */

/** Called with the target as `this`, like the built-in it stands for. */
export type Method = (this: unknown, ...args: unknown[]) => unknown;
type Table = Record<string, Method>;

/**
 * The functions `names` (separated by spaces) of `owner`, in a table with
 * no prototype, so that only these names are found in it.
 */
function pick(owner: object, names: string): Table {
  const table: Table = Object.create(null);
  for (const name of names.split(' ')) table[name] = (owner as Table)[name];
  return table;
}

const STRING = pick(
  String.prototype,
  'at charAt concat endsWith includes indexOf lastIndexOf localeCompare match normalize padEnd ' +
    'padStart repeat replace replaceAll search slice split startsWith substring toLowerCase ' +
    'toUpperCase toString trim trimEnd trimStart',
);

const LIST: Table = Object.assign(
  pick(
    Array.prototype,
    'at concat every filter find findIndex findLast findLastIndex flat flatMap includes indexOf ' +
      'join lastIndexOf map slice some',
  ),
  {
    reverse(this: unknown[]) {
      return this.slice().reverse();
    },
    /**
     * `sort` on a copy. With a lambda, the lambda gives each item's sort key
     * (found once per item); numbers compare as numbers, everything else as
     * strings. Items with equal keys keep their order: `Array.prototype.sort`
     * is stable.
     */
    sort(this: unknown[], by: unknown) {
      const keyOf = typeof by === 'function' ? (by as (x: unknown) => unknown) : (x: unknown) => x;
      const keyed = this.map((item) => [keyOf(item), item]);
      keyed.sort((a, b) => compare(a[0], b[0]));
      return keyed.map((pair) => pair[1]);
    },
  },
);

const NUMBER = pick(Number.prototype, 'toFixed toPrecision toString toLocaleString');

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The methods of each namespace that `GLOBALS` gives out. */
const NAMESPACE_METHODS = new WeakMap<object, Table>();

/**
 * A frozen stand-in for the global `owner` that holds only the constants
 * `constants` (so a path reads them); the `methods` are reached by `call`.
 */
function namespace(owner: object, methods: string, constants?: string): object {
  const ns = Object.freeze(constants === undefined ? Object.create(null) : pick(owner, constants));
  NAMESPACE_METHODS.set(ns, pick(owner, methods));
  return ns;
}

/** Globals that `var` resolves when no scope name matches. */
export const GLOBALS: Readonly<Record<string, object>> = Object.freeze({
  Math: namespace(
    Math,
    'abs acos asin atan atan2 cbrt ceil cos exp floor hypot log log10 log2 max min pow random ' +
      'round sign sin sqrt tan trunc',
    'PI E',
  ),
  JSON: namespace(JSON, 'parse stringify'),
  Date: namespace(Date, 'now parse'),
  Number: namespace(Number, 'isFinite isInteger isNaN parseFloat parseInt', 'MAX_SAFE_INTEGER'),
  Object: namespace(Object, 'keys values entries fromEntries'),
  Array: namespace(Array, 'isArray'),
});

/**
 * The allowed method `name` for `target` (to call with `target` as
 * `this`), or undefined when it is refused.
 */
export function findMethod(target: unknown, name: string): Method | undefined {
  const table =
    typeof target === 'string'
      ? STRING
      : typeof target === 'number'
        ? NUMBER
        : Array.isArray(target)
          ? LIST
          : // A WeakMap has nothing for a value that is not an object.
            NAMESPACE_METHODS.get(target as object);
  // The tables have no prototype: `constructor` or `__proto__` is not in them.
  return table?.[name];
}
