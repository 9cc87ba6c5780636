/**
 * The grammar of a Constela program, as data: one table of fields per node
 * kind. The runtime checker (check.ts) reads these tables, and the build
 * turns the same tables into schema/constela.schema.json, so the published
 * schema and the runtime cannot disagree about what a valid program is.
 *
 * Validity is structural. References between parts (a handler naming a
 * missing action, an expression reading an undeclared field) are warnings.
 */

/** The kind of value a field holds. */
export type Field =
  | 'expr' // an expression
  | 'steps' // a list of steps
  | 'view' // a view node
  | 'string'
  | 'name' // a non-empty string
  | 'number'
  | 'boolean'
  | 'json' // any JSON value
  | 'tooling' // any JSON value that server-side tooling adds: ignored
  | 'exprs' // a list of expressions
  | 'exprRecord' // an object of expressions
  | 'exprOrRecord' // an expression, or an object of expressions
  | 'msOrExpr' // a number, or an expression
  | 'strings' // a list of strings
  | 'tag' // an element tag name
  | 'props' // an element's props
  | 'children' // a list of view nodes
  | { readonly oneOf: readonly string[] }
  | { readonly const: string }
  | { readonly shape: Shape }
  | { readonly list: Shape }
  | { readonly record: Shape };

/** Field name → kind; a name ending in `?` is optional. */
export interface Shape {
  readonly [field: string]: Field;
}

/**
 * Letters, digits and dashes, as HTML and custom element names allow. The
 * patterns are regular expressions for the checker; the schema takes their
 * `source`.
 */
export const TAG_PATTERN = /^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/;

/** A prop whose name starts with "on" must be an event handler. */
export const HANDLER_PROP_PATTERN = /^[oO][nN]/;

/**
 * Names that no path, state field or key may use: the schema's copy of the
 * runtime's list (isForbiddenKey in runtime/paths.ts), which the checker uses.
 */
export const FORBIDDEN_NAMES = ['__proto__', 'prototype', 'constructor'];

export const BIN_OPS = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];

export const EXPRESSIONS: Readonly<Record<string, Shape>> = {
  lit: { value: 'json' },
  state: { name: 'string', 'path?': 'string' },
  var: { name: 'string', 'path?': 'string' },
  param: { name: 'string', 'path?': 'string' },
  local: { name: 'string' },
  get: { base: 'expr', path: 'string' },
  index: { base: 'expr', key: 'expr' },
  bin: { op: { oneOf: BIN_OPS }, left: 'expr', right: 'expr' },
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

export const STEPS: Readonly<Record<string, Shape>> = {
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
    'headers?': 'exprOrRecord',
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
    'headers?': 'exprOrRecord',
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

export const VIEWS: Readonly<Record<string, Shape>> = {
  element: { tag: 'tag', 'props?': 'props', 'children?': 'children' },
  text: { value: 'expr' },
  if: { condition: 'expr', then: 'view', 'else?': 'view' },
  each: { items: 'expr', as: 'string', 'index?': 'string', 'key?': 'expr', body: 'view' },
};

/** `{ event, action, payload? }`: a prop that handles a DOM event. */
export const HANDLER: Shape = {
  event: 'name',
  action: 'string',
  'payload?': 'exprOrRecord',
};

export const STATE_TYPES = ['number', 'string', 'boolean', 'list', 'object'];

/** Fields of kind `tooling` are allowed, and ignored with a warning. */
export const PROGRAM: Shape = {
  '$schema?': 'string',
  version: { const: '1.0' },
  state: { record: { type: { oneOf: STATE_TYPES }, initial: 'json' } },
  actions: { list: { name: 'name', steps: 'steps' } },
  view: 'view',
  'lifecycle?': { shape: { 'onMount?': 'string', 'onUnmount?': 'string' } },
  'route?': 'tooling',
  'data?': 'tooling',
  'imports?': 'tooling',
  'externalImports?': 'tooling',
  'theme?': 'tooling',
};

/**
 * The three node families: the field that tags their kinds, and what a
 * message calls one.
 */
export const FAMILIES = {
  expr: { tag: 'expr', kinds: EXPRESSIONS, what: 'expression', one: 'an expression' },
  step: { tag: 'do', kinds: STEPS, what: 'step', one: 'a step' },
  view: { tag: 'kind', kinds: VIEWS, what: 'view node', one: 'a view node' },
} as const;
