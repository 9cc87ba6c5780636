/**
 * Checks a program against the grammar (grammar.ts) before it runs, and
 * records where every node sits. Every problem is collected, not only the
 * first, each with the JSON Pointer of where it is, what was found and what
 * was expected, and (in the development build) the closest valid name for
 * a typo.
 */
import { pointer, unreachable, warn } from '../runtime/errors.js';
import { describe, isForbiddenKey } from '../runtime/paths.js';
import { DEV } from '../dev.js';
import {
  FAMILIES,
  HANDLER,
  HANDLER_PROP_PATTERN,
  PROGRAM,
  TAG_PATTERN,
  type Field,
  type Shape,
} from './grammar.js';
import { isEventHandler, isExpr, isRecord } from './guards.js';
import { locations } from './locations.js';

export interface Problem {
  readonly path: string;
  readonly message: string;
}

type Family = keyof typeof FAMILIES;

/** Checks `input`; an empty list means it can run. */
export function checkProgram(input: unknown): Problem[] {
  const problems: Problem[] = [];
  /** Every handler and where it is, for the warnings about their actions. */
  const handlers: [{ action: string }, string][] = [];

  const fail = (path: string, message: string) => {
    problems.push({ path, message });
  };
  /** The message most problems get: what was expected, what was found. */
  const expected = (path: string, what: string, value: unknown, hint = '') =>
    fail(path, `expected ${what}, found ${describe(value)}${hint}`);

  /** Checks one value against one field kind; `name` is the field's. */
  function field(value: unknown, kind: Field, path: string, name: string): void {
    if (typeof kind === 'object') {
      if ('oneOf' in kind) {
        if (!kind.oneOf.includes(value as string)) {
          expected(
            path,
            `one of ${kind.oneOf.join(', ')}`,
            value,
            DEV ? suggest(value, kind.oneOf) : '',
          );
        }
      } else if ('const' in kind) {
        if (value !== kind.const) expected(path, JSON.stringify(kind.const), value);
      } else if ('shape' in kind) {
        if (isRecord(value)) fields(value, kind.shape, path, `"${name}"`);
        else expected(path, 'an object', value);
      } else if ('list' in kind) {
        list(value, path, 'a list', (item, at, i) => field(item, { shape: kind.list }, at, i));
      } else {
        entries(value, path, 'an object', (item, at, key) =>
          isForbiddenKey(key)
            ? fail(at, `"${key}" cannot be a name`)
            : field(item, { shape: kind.record }, at, key),
        );
      }
      return;
    }
    switch (kind) {
      case 'expr':
      case 'view':
        return node(value, path, kind);
      case 'steps':
        return list(value, path, 'a list of steps', (item, at) => node(item, at, 'step'));
      case 'children':
        return list(value, path, 'a list of view nodes', (item, at) => node(item, at, 'view'));
      case 'exprs':
        return list(value, path, 'a list of expressions', (item, at) => node(item, at, 'expr'));
      case 'strings':
        return list(value, path, 'a list of strings', (item, at, i) =>
          field(item, 'string', at, i),
        );
      case 'exprRecord':
        return entries(value, path, 'an object of expressions', (item, at) =>
          node(item, at, 'expr'),
        );
      case 'exprOrRecord':
        return field(value, isExpr(value) ? 'expr' : 'exprRecord', path, name);
      case 'msOrExpr':
        if (typeof value === 'number') return;
        return isRecord(value)
          ? node(value, path, 'expr')
          : expected(path, 'milliseconds or an expression', value);
      case 'json':
      case 'tooling':
        return;
      case 'name':
        if (typeof value !== 'string' || value === '') expected(path, 'a non-empty string', value);
        return;
      case 'string':
      case 'number':
      case 'boolean':
        if (typeof value !== kind) expected(path, `a ${kind}`, value);
        return;
      case 'tag':
        if (typeof value !== 'string' || !TAG_PATTERN.test(value)) {
          expected(path, 'a tag name (letters, digits, dashes)', value);
        }
        return;
      case 'props':
        return entries(value, path, 'an object of props', prop);
      default:
        return unreachable(kind);
    }
  }

  /** Checks a node of a family: its tag, then every field of its kind. */
  function node(value: unknown, path: string, family: Family): void {
    const { tag, kinds, what, one } = FAMILIES[family];
    if (!isRecord(value)) return expected(path, one, value);
    locations.set(value, path);
    const kind = value[tag];
    if (kind === undefined) return fail(pointer(path, tag), `${one} needs "${tag}"`);
    if (typeof kind !== 'string' || !Object.hasOwn(kinds, kind)) {
      const known = Object.keys(kinds);
      const hint = DEV ? suggest(kind, known) : '';
      return fail(
        pointer(path, tag),
        `unknown ${what} ${JSON.stringify(kind)}${hint}; expected one of ${known.join(', ')}`,
      );
    }
    fields(value, kinds[kind], path, `"${kind}"`, tag);
  }

  /** Checks the fields of `node` against `shape`; `skip` is its tag field. */
  function fields(
    node: Record<string, unknown>,
    shape: Shape,
    path: string,
    what: string,
    skip?: string,
  ): void {
    const names = Object.keys(shape).map(fieldName);
    for (const key of Object.keys(node)) {
      if (key === skip || names.includes(key)) continue;
      fail(
        pointer(path, key),
        `unknown field "${key}" of ${what}${DEV ? suggest(key, names) : ''}`,
      );
    }
    for (const [key, kind] of Object.entries(shape)) {
      const name = fieldName(key);
      if (node[name] !== undefined) field(node[name], kind, pointer(path, name), name);
      else if (name === key) fail(pointer(path, name), `${what} needs "${name}"`);
    }
  }

  /** Checks one prop of an element: a handler, an expression or a plain value. */
  function prop(value: unknown, path: string, name: string): void {
    const on = HANDLER_PROP_PATTERN.test(name);
    if (isEventHandler(value) || (on && isRecord(value))) {
      locations.set(value as object, path);
      fields(value as Record<string, unknown>, HANDLER, path, 'a handler');
      if (DEV) handlers.push([value as { action: string }, path]);
    } else if (on) {
      expected(path, 'a handler { event, action }', value);
    } else if (isExpr(value)) {
      node(value, path, 'expr');
    } else if (typeof value === 'object' && value !== null) {
      expected(path, 'an expression, a plain value or a handler { event, action }', value);
    }
  }

  /** Checks that `value` is an object, then calls `each` on its entries. */
  function entries(
    value: unknown,
    path: string,
    what: string,
    each: (item: unknown, at: string, key: string) => void,
  ): void {
    if (!isRecord(value)) return expected(path, what, value);
    for (const [key, item] of Object.entries(value)) each(item, pointer(path, key), key);
  }

  /** Checks that `value` is a list, then calls `each` on its items. */
  function list(
    value: unknown,
    path: string,
    what: string,
    each: (item: unknown, at: string, index: string) => void,
  ): void {
    if (!Array.isArray(value)) return expected(path, what, value);
    // Entries, as for an object: the index comes as the string key it is.
    for (const [key, item] of Object.entries(value)) each(item, pointer(path, key), key);
  }

  if (isRecord(input)) fields(input, PROGRAM, '', 'the program');
  else fail('', `a program must be a JSON object, found ${describe(input)}`);
  if (DEV && problems.length === 0) references(input as ProgramLike, handlers);
  return problems;
}

interface ProgramLike {
  actions: { name: string }[];
  lifecycle?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * Names that point elsewhere in the program: warnings, not errors, and
 * only in the development build.
 */
function references(program: ProgramLike, handlers: [{ action: string }, string][]): void {
  for (const [key, kind] of Object.entries(PROGRAM)) {
    const name = fieldName(key);
    if (kind === 'tooling' && name in program) {
      warn(`"${name}" belongs to server-side tooling and is ignored`, `/${name}`);
    }
  }
  const actions = new Set<string>();
  program.actions.forEach(({ name }, i) => {
    if (actions.has(name)) {
      warn(`the action "${name}" is defined again; this later one is used`, `/actions/${i}/name`);
    }
    actions.add(name);
  });
  const check = (name: unknown, at: string, what: string) => {
    if (typeof name === 'string' && !actions.has(name)) {
      warn(`${what} names the action "${name}", which does not exist${suggest(name, actions)}`, at);
    }
  };
  for (const [key, name] of Object.entries(program.lifecycle ?? {})) {
    check(name, `/lifecycle/${key}`, key);
  }
  for (const [handler, at] of handlers) {
    check(handler.action, pointer(at, 'action'), 'the handler');
  }
}

/** The name of a field of a shape: its key without the `?` of an optional one. */
function fieldName(key: string): string {
  return key.replace(/\?$/, '');
}

/**
 * ` (did you mean "navigate"?)` for the closest known name, if close; a
 * hint of the development build only: callers test DEV themselves, so that
 * the production build keeps no trace of the call.
 */
function suggest(name: unknown, known: Iterable<string>): string {
  if (typeof name !== 'string') return '';
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  return best !== undefined && bestDistance <= limit ? ` (did you mean "${best}"?)` : '';
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
