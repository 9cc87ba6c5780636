/**
 * Reading and writing inside plain JSON-like values by path.
 *
 * Writes are immutable: they copy every object and list along the path and
 * share everything else, so a signal holding the old value stays valid and
 * `===` tells which parts changed. No step of any path may be `__proto__`,
 * `prototype` or `constructor`.
 */

export type PathKey = string | number;

const FORBIDDEN = new Set<PathKey>(['__proto__', 'prototype', 'constructor']);

export function isForbiddenKey(key: PathKey): boolean {
  return FORBIDDEN.has(key);
}

/** Splits `"items.0.id"` into `["items", 0, "id"]`. */
export function parsePath(path: unknown): PathKey[] {
  if (path === undefined || path === null || path === '') return [];
  const steps =
    typeof path === 'string' ? path.split('.') : typeof path === 'number' ? [path] : path;
  if (!Array.isArray(steps)) {
    throw new Error(`a path must be a string, a number or a list, got ${describe(path)}`);
  }
  return steps.map((step: unknown) => {
    if (typeof step === 'number') return step;
    // A step that is a whole number in decimal ("0", "12", not "01") is an index.
    if (typeof step === 'string') return /^(0|[1-9]\d*)$/.test(step) ? Number(step) : step;
    throw new Error(`a path step must be a string or a number, got ${describe(step)}`);
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  // A list's prototype is Array.prototype, so a list is not a plain object.
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Reads `keys` from `value`. A missing step gives `undefined`, never an
 * exception; forbidden keys and inherited properties read as `undefined`.
 * Strings and lists have their own `length` and indexes.
 */
export function getIn(value: unknown, keys: readonly PathKey[]): unknown {
  let current = value;
  for (const key of keys) {
    const container =
      typeof current === 'string' || (typeof current === 'object' && current !== null);
    if (!container || isForbiddenKey(key) || !Object.hasOwn(current as object, key)) {
      return undefined;
    }
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}

/**
 * The lists `updateIn` made from another list by replacing one item: that
 * list (held weakly, so that no list keeps the ones before it alive) and
 * the item's index. Lists are never changed in place, so this stays true.
 */
type List = readonly unknown[];
const replacements = new WeakMap<List, [from: WeakRef<List>, index: number]>();

/**
 * The range `[start, end)` of indexes where `list` may differ from
 * `earlier`: only the items replaced, when `list` was made from `earlier` by
 * up to 32 `updateIn` writes of single items (a `setPath` on one row), else
 * the whole list. A keyed list uses it to update one row of a long list
 * without comparing every item, so that the cost of such a write does not
 * grow with the list.
 */
export function changedSince(list: List, earlier: List): [start: number, end: number] {
  let start = list.length;
  let end = 0;
  let current: List | undefined = list;
  for (let step = 0; step < 32 && current !== undefined && current !== earlier; step++) {
    const replaced = replacements.get(current);
    if (replaced === undefined) break;
    start = Math.min(start, replaced[1]);
    end = Math.max(end, replaced[1] + 1);
    current = replaced[0].deref();
  }
  return current === earlier ? [start, end] : [0, list.length];
}

/**
 * Returns a copy of `root` where the value at `keys` is replaced by
 * `fn(old)`. Missing containers are created: a list when the next key is a
 * number, else an object.
 */
export function updateIn(
  root: unknown,
  keys: readonly PathKey[],
  fn: (old: unknown) => unknown,
  depth = 0,
): unknown {
  if (depth === keys.length) return fn(root);
  const key = keys[depth];
  if (isForbiddenKey(key)) {
    throw new Error(`the path step "${key}" is not allowed`);
  }
  const base = root === undefined || root === null ? (typeof key === 'number' ? [] : {}) : root;
  if (Array.isArray(base)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0) {
      throw new Error(`a list index must be a whole number, got "${key}"`);
    }
    const copy = base.slice();
    copy[key] = updateIn(base[key], keys, fn, depth + 1);
    if (key < base.length) replacements.set(copy, [new WeakRef(base), key]);
    return copy;
  }
  if (!isPlainObject(base)) {
    throw new Error(`cannot write "${key}" inside ${describe(root)}`);
  }
  const copy: Record<PathKey, unknown> = { ...base };
  copy[key] = updateIn(Object.hasOwn(base, key) ? base[key] : undefined, keys, fn, depth + 1);
  return copy;
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}
