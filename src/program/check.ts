/**
 * Checks a program before it runs and records where every node sits.
 *
 * Each node family is described by a table of its fields, so a new kind is
 * one new row. Every problem is collected (not only the first) with the
 * JSON Pointer of where it is, what was found and what was expected.
 */
import { pointer, warn } from '../runtime/errors.js';
import { isForbiddenKey } from '../runtime/paths.js';
import { isEventHandler, isExpr } from './guards.js';
import { remember } from './locations.js';
import type { Program } from './types.js';

export interface Problem {
  readonly path: string;
  readonly message: string;
}

type Field =
  | 'expr'
  | 'string'
  | 'number'
  | 'boolean'
  | 'json'
  | 'steps'
  | 'view'
  | 'exprs'
  | 'exprRecord'
  | 'headers'
  | 'msOrExpr'
  | 'dotPath'
  | 'strings'
  | { oneOf: readonly string[] }
  | { shape: Shape };

/** A field table: name → kind, with `?` on optional names. */
interface Shape {
  [field: string]: Field;
}

const EXPRESSIONS: Record<string, Shape> = {
  lit: { value: 'json' },
  state: { name: 'string', 'path?': 'dotPath' },
  var: { name: 'string', 'path?': 'dotPath' },
  param: { name: 'string', 'path?': 'dotPath' },
  local: { name: 'string' },
  get: { base: 'expr', path: 'string' },
  index: { base: 'expr', key: 'expr' },
  bin: {
    op: { oneOf: ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'] },
    left: 'expr',
    right: 'expr',
  },
  not: { operand: 'expr' },
  cond: { if: 'expr', then: 'expr', else: 'expr' },
  concat: { items: 'exprs' },
  array: { elements: 'exprs' },
  obj: { props: 'exprRecord' },
  call: { target: 'expr', method: 'string', 'args?': 'exprs' },
  lambda: { param: 'string', 'index?': 'string', body: 'expr' },
};

const UPDATE_OPERATIONS = [
  'increment',
  'decrement',
  'toggle',
  'push',
  'pop',
  'remove',
  'replaceAt',
  'insertAt',
  'splice',
  'merge',
];

const STEPS: Record<string, Shape> = {
  set: { target: 'string', value: 'expr' },
  update: {
    target: 'string',
    operation: { oneOf: UPDATE_OPERATIONS },
    'value?': 'expr',
    'index?': 'expr',
    'deleteCount?': 'expr',
  },
  setPath: { target: 'string', path: 'expr', value: 'expr' },
  if: { condition: 'expr', then: 'steps', 'else?': 'steps' },
  fetch: {
    url: 'expr',
    'method?': { oneOf: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
    'body?': 'expr',
    'headers?': 'headers',
    'result?': 'string',
    'onSuccess?': 'steps',
    'onError?': 'steps',
  },
  delay: { ms: 'msOrExpr', then: 'steps' },
  interval: { ms: 'msOrExpr', action: 'string', 'result?': 'string' },
  clearTimer: { target: 'expr' },
  storage: {
    operation: { oneOf: ['get', 'set', 'remove'] },
    key: 'expr',
    'value?': 'expr',
    'storage?': { oneOf: ['local', 'session'] },
    'result?': 'string',
  },
  navigate: { url: 'expr', 'target?': 'string' },
  clipboard: { operation: { oneOf: ['read', 'write'] }, 'value?': 'expr', 'result?': 'string' },
};

const REALTIME_STEPS: Record<string, Shape> = {
  sseConnect: {
    connection: 'string',
    url: 'expr',
    'eventTypes?': 'strings',
    'reconnect?': {
      shape: {
        'enabled?': 'boolean',
        'strategy?': { oneOf: ['exponential', 'linear', 'none'] },
        'maxRetries?': 'number',
        'baseDelay?': 'number',
        'maxDelay?': 'number',
      },
    },
    'method?': { oneOf: ['GET', 'POST'] },
    'headers?': 'headers',
    'body?': 'expr',
    'onOpen?': 'steps',
    'onMessage?': 'steps',
    'onError?': 'steps',
  },
  sseClose: { connection: 'string' },
  optimistic: {
    target: 'string',
    'path?': 'expr',
    value: 'expr',
    'result?': 'string',
    'timeout?': 'number',
  },
  confirm: { id: 'expr' },
  reject: { id: 'expr' },
  bind: {
    connection: 'string',
    'eventType?': 'string',
    target: 'string',
    'path?': 'expr',
    'transform?': 'expr',
    'patch?': 'boolean',
  },
  unbind: { connection: 'string', 'target?': 'string' },
};
Object.assign(STEPS, REALTIME_STEPS);

const VIEWS: Record<string, Shape> = {
  element: { tag: 'string', 'props?': 'json', 'children?': 'json' },
  text: { value: 'expr' },
  if: { condition: 'expr', then: 'view', 'else?': 'view' },
  each: { items: 'expr', as: 'string', 'index?': 'string', 'key?': 'expr', body: 'view' },
};

const STATE_TYPES = ['number', 'string', 'boolean', 'list', 'object'];
const TOP_LEVEL = ['version', 'state', 'actions', 'view', 'lifecycle'];
/** Fields that server-side tooling adds; ignored with a warning. */
const TOOLING = ['route', 'data', 'imports', 'externalImports', 'theme'];

/** Checks `input`; an empty list means it can run. */
export function checkProgram(input: unknown): Problem[] {
  return new Checker().program(input);
}

class Checker {
  private readonly problems: Problem[] = [];
  private actionNames = new Set<string>();

  program(input: unknown): Problem[] {
    if (!isRecord(input)) {
      this.fail('', `a program must be a JSON object, found ${kindOf(input)}`);
      return this.problems;
    }
    for (const key of Object.keys(input)) {
      if (TOP_LEVEL.includes(key)) continue;
      if (TOOLING.includes(key)) {
        warn(`"${key}" belongs to server-side tooling and is ignored`, pointer('', key));
      } else {
        this.unknown('', key, TOP_LEVEL, 'top-level field');
      }
    }
    if (input.version !== '1.0') {
      this.fail('/version', `expected "1.0", found ${show(input.version)}`);
    }
    this.state(input.state);
    this.actions(input.actions);
    if (input.view === undefined) this.fail('/view', 'a program needs a "view"');
    else this.view(input.view, '/view');
    this.lifecycle(input.lifecycle);
    return this.problems;
  }

  private state(state: unknown): void {
    if (!isRecord(state)) {
      this.fail('/state', `expected an object of state fields, found ${kindOf(state)}`);
      return;
    }
    for (const [name, decl] of Object.entries(state)) {
      const path = pointer('/state', name);
      if (isForbiddenKey(name)) this.fail(path, `"${name}" cannot be a state name`);
      if (!isRecord(decl)) {
        this.fail(path, `expected { type, initial }, found ${kindOf(decl)}`);
        continue;
      }
      if (!STATE_TYPES.includes(decl.type as string)) {
        this.fail(
          pointer(path, 'type'),
          `expected one of ${STATE_TYPES.join(', ')}, found ${show(decl.type)}`,
        );
      }
      if (!('initial' in decl)) this.fail(path, 'a state field needs an "initial" value');
    }
  }

  private actions(actions: unknown): void {
    if (!Array.isArray(actions)) {
      this.fail('/actions', `expected a list of actions, found ${kindOf(actions)}`);
      return;
    }
    actions.forEach((action, i) => {
      const path = pointer('/actions', i);
      if (!isRecord(action)) {
        this.fail(path, `expected { name, steps }, found ${kindOf(action)}`);
        return;
      }
      if (typeof action.name !== 'string' || action.name === '') {
        this.fail(pointer(path, 'name'), `expected an action name, found ${show(action.name)}`);
      } else if (this.actionNames.has(action.name)) {
        this.fail(pointer(path, 'name'), `the action "${action.name}" is defined twice`);
      } else {
        this.actionNames.add(action.name);
      }
      this.steps(action.steps, pointer(path, 'steps'));
    });
  }

  private lifecycle(lifecycle: unknown): void {
    if (lifecycle === undefined) return;
    if (!isRecord(lifecycle)) {
      this.fail('/lifecycle', `expected an object, found ${kindOf(lifecycle)}`);
      return;
    }
    for (const [key, name] of Object.entries(lifecycle)) {
      const path = pointer('/lifecycle', key);
      if (key !== 'onMount' && key !== 'onUnmount') {
        this.unknown('/lifecycle', key, ['onMount', 'onUnmount'], 'lifecycle hook');
      } else if (typeof name !== 'string') {
        this.fail(path, `expected an action name, found ${show(name)}`);
      } else if (!this.actionNames.has(name)) {
        this.fail(path, `there is no action "${name}"${suggest(name, this.actionNames)}`);
      }
    }
  }

  private steps(steps: unknown, path: string): void {
    if (!Array.isArray(steps)) {
      this.fail(path, `expected a list of steps, found ${kindOf(steps)}`);
      return;
    }
    steps.forEach((step, i) => this.node(step, pointer(path, i), 'do', STEPS, 'step'));
  }

  private view(node: unknown, path: string): void {
    if (!this.node(node, path, 'kind', VIEWS, 'view node')) return;
    const view = node as Record<string, unknown>;
    if (view.kind === 'element') this.element(view, path);
  }

  private element(node: Record<string, unknown>, path: string): void {
    if (typeof node.tag === 'string' && !/^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/.test(node.tag)) {
      this.fail(pointer(path, 'tag'), `"${node.tag}" is not a valid tag name`);
    }
    if (node.props !== undefined) {
      if (!isRecord(node.props)) {
        this.fail(
          pointer(path, 'props'),
          `expected an object of props, found ${kindOf(node.props)}`,
        );
      } else {
        for (const [name, value] of Object.entries(node.props)) {
          const propPath = pointer(path, 'props', name);
          if (isEventHandler(value)) this.handler(value, propPath);
          else if (isExpr(value)) this.expr(value, propPath);
          else if (value !== null && typeof value === 'object') {
            this.fail(propPath, 'expected an expression, a plain value or { event, action }');
          } else if (/^on/i.test(name)) {
            this.fail(propPath, `"${name}" must be { event, action }, not a plain value`);
          }
        }
      }
    }
    if (node.children !== undefined) {
      if (!Array.isArray(node.children)) {
        this.fail(
          pointer(path, 'children'),
          `expected a list of view nodes, found ${kindOf(node.children)}`,
        );
      } else {
        node.children.forEach((child, i) => this.view(child, pointer(path, 'children', i)));
      }
    }
  }

  private handler(handler: object, path: string): void {
    remember(handler, path);
    for (const key of Object.keys(handler)) {
      if (!['event', 'action', 'payload'].includes(key)) {
        this.unknown(path, key, ['event', 'action', 'payload'], 'handler field');
      }
    }
    const action = (handler as { action: string }).action;
    if (!this.actionNames.has(action)) {
      warn(
        `the handler names the action "${action}", which does not exist`,
        pointer(path, 'action'),
      );
    }
    const payload = (handler as { payload?: unknown }).payload;
    if (payload === undefined) return;
    if (isExpr(payload)) this.expr(payload, pointer(path, 'payload'));
    else if (isRecord(payload)) {
      for (const [key, value] of Object.entries(payload)) {
        this.expr(value, pointer(path, 'payload', key));
      }
    } else {
      this.fail(
        pointer(path, 'payload'),
        `expected an expression or an object of expressions, found ${kindOf(payload)}`,
      );
    }
  }

  private expr(expr: unknown, path: string): void {
    this.node(expr, path, 'expr', EXPRESSIONS, 'expression');
  }

  /** Checks a node of a family: its tag, then every field of its shape. */
  private node(
    node: unknown,
    path: string,
    tag: 'do' | 'kind' | 'expr',
    family: Record<string, Shape>,
    what: string,
  ): boolean {
    if (!isRecord(node)) {
      this.fail(path, `expected ${article(what)}, found ${kindOf(node)}`);
      return false;
    }
    remember(node, path);
    const name = node[tag];
    if (typeof name !== 'string' || !Object.hasOwn(family, name)) {
      const known = Object.keys(family);
      this.fail(
        pointer(path, tag),
        typeof name === 'string'
          ? `unknown ${what} "${name}"${suggest(name, known)}; expected one of ${known.join(', ')}`
          : `${article(what)} needs a "${tag}" field, found ${show(name)}`,
      );
      return false;
    }
    this.fields(node, family[name], path, `"${name}"`, tag);
    return true;
  }

  /** Checks the fields of `node` against `shape`; `skip` is its tag field. */
  private fields(
    node: Record<string, unknown>,
    shape: Shape,
    path: string,
    what: string,
    skip?: string,
  ): void {
    const names = Object.keys(shape).map((key) => key.replace(/\?$/, ''));
    for (const key of Object.keys(node)) {
      if (key !== skip && !names.includes(key)) this.unknown(path, key, names, `field of ${what}`);
    }
    for (const [key, field] of Object.entries(shape)) {
      const optional = key.endsWith('?');
      const name = optional ? key.slice(0, -1) : key;
      const value = node[name];
      if (value === undefined) {
        if (!optional) this.fail(pointer(path, name), `${what} needs "${name}"`);
        continue;
      }
      this.field(value, field, pointer(path, name));
    }
  }

  private field(value: unknown, field: Field, path: string): void {
    if (typeof field === 'object' && 'shape' in field) {
      if (!isRecord(value)) this.fail(path, `expected an object, found ${kindOf(value)}`);
      else this.fields(value, field.shape, path, `"${path.split('/').pop()}"`);
      return;
    }
    if (typeof field === 'object') {
      if (!field.oneOf.includes(value as string)) {
        this.fail(
          path,
          `expected one of ${field.oneOf.join(', ')}, found ${show(value)}` +
            (typeof value === 'string' ? suggest(value, field.oneOf) : ''),
        );
      }
      return;
    }
    switch (field) {
      case 'expr':
        return this.expr(value, path);
      case 'steps':
        return this.steps(value, path);
      case 'view':
        return this.view(value, path);
      case 'json':
        return;
      case 'string':
      case 'number':
      case 'boolean':
        if (typeof value !== field) this.fail(path, `expected a ${field}, found ${show(value)}`);
        return;
      case 'exprs':
        if (!Array.isArray(value))
          this.fail(path, `expected a list of expressions, found ${kindOf(value)}`);
        else value.forEach((item, i) => this.expr(item, pointer(path, i)));
        return;
      case 'exprRecord':
      case 'headers':
        if (field === 'headers' && isExpr(value)) return this.expr(value, path);
        if (!isRecord(value))
          this.fail(path, `expected an object of expressions, found ${kindOf(value)}`);
        else for (const [key, item] of Object.entries(value)) this.expr(item, pointer(path, key));
        return;
      case 'msOrExpr':
        if (typeof value !== 'number') this.expr(value, path);
        return;
      case 'strings':
        if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
          this.fail(path, `expected a list of strings, found ${show(value)}`);
        }
        return;
      case 'dotPath':
        if (typeof value !== 'string')
          this.fail(path, `expected a dot-separated path string, found ${show(value)}`);
        return;
    }
  }

  private unknown(path: string, key: string, known: readonly string[], what: string): void {
    this.fail(pointer(path, key), `unknown ${what} "${key}"${suggest(key, known)}`);
  }

  private fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/** `; did you mean "navigate"?` for the closest known name, if close. */
export function suggest(name: string, known: Iterable<string>): string {
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

/** Narrows a checked input to a Program. */
export function asProgram(input: unknown): Program {
  return input as Program;
}
