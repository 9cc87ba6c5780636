/**
 * Checks a program against the grammar (grammar.ts) before it runs, and
 * records where every node sits. Every problem is collected, not only the
 * first, each with the JSON Pointer of where it is, what was found and what
 * was expected, and (in the development build) the closest valid name for
 * a typo.
 */
import { pointer, unreachable, warn } from '../runtime/errors.js';
import { DEV } from '../dev.js';
import {
  FAMILIES,
  FORBIDDEN_NAMES,
  HANDLER,
  HANDLER_PROP_PATTERN,
  PROGRAM,
  TAG_PATTERN,
  TOOLING,
  type Field,
  type Shape,
} from './grammar.js';
import { isEventHandler, isExpr } from './guards.js';
import { remember } from './locations.js';

export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Checks `input`; an empty list means it can run. */
export function checkProgram(input: unknown): Problem[] {
  const checker = new Checker();
  checker.field(input, { shape: PROGRAM }, '');
  if (DEV && checker.problems.length === 0) checker.references(input as ProgramLike);
  return checker.problems;
}

interface ProgramLike {
  actions: { name: string }[];
  lifecycle?: Record<string, string>;
  [key: string]: unknown;
}

const tagPattern = new RegExp(TAG_PATTERN);
const handlerProp = new RegExp(HANDLER_PROP_PATTERN);

class Checker {
  readonly problems: Problem[] = [];
  readonly #handlers: [object, string][] = [];

  /** Checks one value against one field kind. */
  field(value: unknown, field: Field, path: string): void {
    if (typeof field === 'object') return this.#compound(value, field, path);
    switch (field) {
      case 'expr':
        return this.#node(value, path, 'expr');
      case 'steps':
        return this.#list(value, path, 'a list of steps', (item, at) =>
          this.#node(item, at, 'step'),
        );
      case 'view':
        return this.#node(value, path, 'view');
      case 'children':
        return this.#list(value, path, 'a list of view nodes', (item, at) =>
          this.#node(item, at, 'view'),
        );
      case 'exprs':
        return this.#list(value, path, 'a list of expressions', (item, at) =>
          this.#node(item, at, 'expr'),
        );
      case 'strings':
        return this.#list(value, path, 'a list of strings', (item, at) =>
          this.field(item, 'string', at),
        );
      case 'exprRecord':
        if (!isRecord(value))
          return this.#fail(path, `expected an object of expressions, found ${kindOf(value)}`);
        for (const [key, item] of Object.entries(value))
          this.#node(item, pointer(path, key), 'expr');
        return;
      case 'exprOrRecord':
        return isExpr(value)
          ? this.#node(value, path, 'expr')
          : this.field(value, 'exprRecord', path);
      case 'msOrExpr':
        if (typeof value === 'number') return;
        if (!isRecord(value)) {
          return this.#fail(path, `expected milliseconds or an expression, found ${show(value)}`);
        }
        return this.#node(value, path, 'expr');
      case 'json':
        return;
      case 'string':
      case 'dotPath':
        if (typeof value !== 'string') this.#fail(path, `expected a string, found ${show(value)}`);
        return;
      case 'name':
        if (typeof value !== 'string' || value === '') {
          this.#fail(path, `expected a non-empty string, found ${show(value)}`);
        }
        return;
      case 'number':
      case 'boolean':
        if (typeof value !== field) this.#fail(path, `expected a ${field}, found ${show(value)}`);
        return;
      case 'tag':
        if (typeof value !== 'string' || !tagPattern.test(value)) {
          this.#fail(path, `expected a tag name (letters, digits, dashes), found ${show(value)}`);
        }
        return;
      case 'props':
        return this.#props(value, path);
      default:
        return unreachable(field);
    }
  }

  #compound(value: unknown, field: Exclude<Field, string>, path: string): void {
    if ('oneOf' in field) {
      if (!field.oneOf.includes(value as string)) {
        const hint = typeof value === 'string' ? suggest(value, field.oneOf) : '';
        this.#fail(path, `expected one of ${field.oneOf.join(', ')}, found ${show(value)}${hint}`);
      }
    } else if ('const' in field) {
      if (value !== field.const)
        this.#fail(path, `expected ${show(field.const)}, found ${show(value)}`);
    } else if ('shape' in field) {
      if (!isRecord(value)) {
        const what = path === '' ? 'a program must be a JSON object' : 'expected an object';
        return this.#fail(path, `${what}, found ${kindOf(value)}`);
      }
      this.#fields(value, field.shape, path, path === '' ? 'the program' : `"${lastToken(path)}"`);
    } else if ('list' in field) {
      this.#list(value, path, 'a list', (item, at) => this.field(item, { shape: field.list }, at));
    } else {
      if (!isRecord(value)) return this.#fail(path, `expected an object, found ${kindOf(value)}`);
      for (const [key, item] of Object.entries(value)) {
        if (FORBIDDEN_NAMES.includes(key))
          this.#fail(pointer(path, key), `"${key}" cannot be a name`);
        else this.field(item, { shape: field.record }, pointer(path, key));
      }
    }
  }

  /** Checks a node of a family: its tag, then every field of its kind. */
  #node(value: unknown, path: string, family: keyof typeof FAMILIES): void {
    const { tag, kinds, what } = FAMILIES[family];
    if (!isRecord(value))
      return this.#fail(path, `expected ${article(what)}, found ${kindOf(value)}`);
    remember(value, path);
    const kind = value[tag];
    if (typeof kind !== 'string' || !Object.hasOwn(kinds, kind)) {
      const known = Object.keys(kinds);
      return this.#fail(
        pointer(path, tag),
        typeof kind === 'string'
          ? `unknown ${what} "${kind}"${suggest(kind, known)}; expected one of ${known.join(', ')}`
          : `${article(what)} needs a "${tag}" field, found ${show(kind)}`,
      );
    }
    this.#fields(value, kinds[kind], path, `"${kind}"`, tag);
  }

  /** Checks the fields of `node` against `shape`; `skip` is its tag field. */
  #fields(
    node: Record<string, unknown>,
    shape: Shape,
    path: string,
    what: string,
    skip?: string,
  ): void {
    const names = Object.keys(shape).map((key) => key.replace(/\?$/, ''));
    for (const key of Object.keys(node)) {
      if (key === skip || names.includes(key)) continue;
      this.#fail(pointer(path, key), `unknown field "${key}" of ${what}${suggest(key, names)}`);
    }
    for (const [key, field] of Object.entries(shape)) {
      const optional = key.endsWith('?');
      const name = optional ? key.slice(0, -1) : key;
      if (node[name] === undefined) {
        if (!optional) this.#fail(pointer(path, name), `${what} needs "${name}"`);
      } else {
        this.field(node[name], field, pointer(path, name));
      }
    }
  }

  #props(value: unknown, path: string): void {
    if (!isRecord(value))
      return this.#fail(path, `expected an object of props, found ${kindOf(value)}`);
    for (const [name, prop] of Object.entries(value)) {
      const at = pointer(path, name);
      if (isEventHandler(prop) || (handlerProp.test(name) && isRecord(prop))) {
        remember(prop, at);
        this.#fields(prop as Record<string, unknown>, HANDLER, at, 'a handler');
        this.#handlers.push([prop, at]);
      } else if (handlerProp.test(name)) {
        this.#fail(at, `"${name}" must be a handler { event, action }, found ${show(prop)}`);
      } else if (isExpr(prop)) {
        this.#node(prop, at, 'expr');
      } else if (isRecord(prop) || Array.isArray(prop)) {
        this.#fail(at, `expected an expression, a plain value or a handler { event, action }`);
      }
    }
  }

  #list(
    value: unknown,
    path: string,
    what: string,
    each: (item: unknown, at: string) => void,
  ): void {
    if (!Array.isArray(value)) return this.#fail(path, `expected ${what}, found ${kindOf(value)}`);
    value.forEach((item, i) => each(item, pointer(path, i)));
  }

  /** Names that point elsewhere in the program: warnings, not errors. */
  references(program: ProgramLike): void {
    for (const name of TOOLING) {
      if (name in program)
        if (DEV) warn(`"${name}" belongs to server-side tooling and is ignored`, `/${name}`);
    }
    const actions = new Set<string>();
    program.actions.forEach(({ name }, i) => {
      if (actions.has(name)) {
        if (DEV)
          warn(
            `the action "${name}" is defined again; this later one is used`,
            `/actions/${i}/name`,
          );
      }
      actions.add(name);
    });
    const check = (name: unknown, at: string, what: string) => {
      if (typeof name === 'string' && !actions.has(name)) {
        if (DEV)
          warn(
            `${what} names the action "${name}", which does not exist${suggest(name, actions)}`,
            at,
          );
      }
    };
    for (const [key, name] of Object.entries(program.lifecycle ?? {})) {
      check(name, `/lifecycle/${key}`, key);
    }
    for (const [handler, at] of this.#handlers) {
      check((handler as { action: unknown }).action, pointer(at, 'action'), 'the handler');
    }
  }

  #fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lastToken(path: string): string {
  return path
    .slice(path.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${show(value)}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? text.slice(0, 37) + '...' : text;
}

function article(what: string): string {
  return /^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`;
}

/**
 * ` (did you mean "navigate"?)` for the closest known name, if close; a
 * hint of the development build only.
 */
export function suggest(name: string, known: Iterable<string>): string {
  if (!DEV) return '';
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
