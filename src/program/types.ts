/**
 * The shape of a Constela program, as the runtime reads it.
 *
 * Each family (expressions, steps, view nodes) is a discriminated union on
 * its tag field (`expr`, `do`, `kind`), so the evaluator, the executor and
 * the renderer can switch over it exhaustively.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type StateType = 'number' | 'string' | 'boolean' | 'list' | 'object';

export interface StateDecl {
  type: StateType;
  initial: Json;
}

export interface Program {
  version: '1.0';
  state: Record<string, StateDecl>;
  actions: ActionDecl[];
  view: ViewNode;
  lifecycle?: { onMount?: string; onUnmount?: string };
}

export interface ActionDecl {
  name: string;
  steps: Step[];
}

// ---------------------------------------------------------------- expressions

export interface LitExpr {
  expr: 'lit';
  value: Json;
}
export interface StateExpr {
  expr: 'state';
  name: string;
  path?: string;
}
export interface VarExpr {
  expr: 'var';
  name: string;
  path?: string;
}
export interface ParamExpr {
  expr: 'param';
  name: string;
  path?: string;
}
export interface LocalExpr {
  expr: 'local';
  name: string;
}
export interface GetExpr {
  expr: 'get';
  base: Expr;
  path: string;
}
export interface IndexExpr {
  expr: 'index';
  base: Expr;
  key: Expr;
}
export type BinOp =
  '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';
export interface BinExpr {
  expr: 'bin';
  op: BinOp;
  left: Expr;
  right: Expr;
}
export interface NotExpr {
  expr: 'not';
  operand: Expr;
}
export interface CondExpr {
  expr: 'cond';
  if: Expr;
  then: Expr;
  else: Expr;
}
export interface ConcatExpr {
  expr: 'concat';
  items: Expr[];
}
export interface ArrayExpr {
  expr: 'array';
  elements: Expr[];
}
export interface ObjExpr {
  expr: 'obj';
  props: Record<string, Expr>;
}
export interface CallExpr {
  expr: 'call';
  target: Expr;
  method: string;
  args?: Expr[];
}
export interface LambdaExpr {
  expr: 'lambda';
  param: string;
  index?: string;
  body: Expr;
}

export type Expr =
  | LitExpr
  | StateExpr
  | VarExpr
  | ParamExpr
  | LocalExpr
  | GetExpr
  | IndexExpr
  | BinExpr
  | NotExpr
  | CondExpr
  | ConcatExpr
  | ArrayExpr
  | ObjExpr
  | CallExpr
  | LambdaExpr;

// ---------------------------------------------------------------------- steps

export interface SetStep {
  do: 'set';
  target: string;
  value: Expr;
}
export type UpdateOperation =
  | 'increment'
  | 'decrement'
  | 'toggle'
  | 'push'
  | 'pop'
  | 'remove'
  | 'replaceAt'
  | 'insertAt'
  | 'splice'
  | 'merge';
export interface UpdateStep {
  do: 'update';
  target: string;
  operation: UpdateOperation;
  value?: Expr;
  index?: Expr;
  deleteCount?: Expr;
}
export interface SetPathStep {
  do: 'setPath';
  target: string;
  path: Expr;
  value: Expr;
}
export interface IfStep {
  do: 'if';
  condition: Expr;
  then: Step[];
  else?: Step[];
}
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface FetchStep {
  do: 'fetch';
  url: Expr;
  method?: HttpMethod;
  body?: Expr;
  headers?: Record<string, Expr> | Expr;
  result?: string;
  onSuccess?: Step[];
  onError?: Step[];
}
export interface DelayStep {
  do: 'delay';
  ms: Expr | number;
  then: Step[];
}
export interface IntervalStep {
  do: 'interval';
  ms: Expr | number;
  action: string;
  result?: string;
}
export interface ClearTimerStep {
  do: 'clearTimer';
  target: Expr;
}
export interface StorageStep {
  do: 'storage';
  operation: 'get' | 'set' | 'remove';
  key: Expr;
  value?: Expr;
  storage?: 'local' | 'session';
  result?: string;
}
export interface NavigateStep {
  do: 'navigate';
  url: Expr;
  target?: string;
}
export interface ClipboardStep {
  do: 'clipboard';
  operation: 'read' | 'write';
  value?: Expr;
  result?: string;
}

// ------------------------------------------------------------- realtime steps

export interface SseConnectStep {
  do: 'sseConnect';
  connection: string;
  url: Expr;
  eventTypes?: string[];
  reconnect?: {
    enabled?: boolean;
    strategy?: 'exponential' | 'linear' | 'none';
    maxRetries?: number;
    baseDelay?: number;
    maxDelay?: number;
  };
  /** Extensions over the published page: what `fetch` can send. */
  method?: 'GET' | 'POST';
  headers?: Record<string, Expr> | Expr;
  body?: Expr;
  onOpen?: Step[];
  onMessage?: Step[];
  onError?: Step[];
}
export interface SseCloseStep {
  do: 'sseClose';
  connection: string;
}
export interface OptimisticStep {
  do: 'optimistic';
  target: string;
  path?: Expr;
  value: Expr;
  result?: string;
  timeout?: number;
}
export interface ConfirmStep {
  do: 'confirm';
  id: Expr;
}
export interface RejectStep {
  do: 'reject';
  id: Expr;
}
export interface BindStep {
  do: 'bind';
  connection: string;
  eventType?: string;
  target: string;
  path?: Expr;
  transform?: Expr;
  patch?: boolean;
}
export interface UnbindStep {
  do: 'unbind';
  connection: string;
  target?: string;
}

export type Step =
  | SseConnectStep
  | SseCloseStep
  | OptimisticStep
  | ConfirmStep
  | RejectStep
  | BindStep
  | UnbindStep
  | SetStep
  | UpdateStep
  | SetPathStep
  | IfStep
  | FetchStep
  | DelayStep
  | IntervalStep
  | ClearTimerStep
  | StorageStep
  | NavigateStep
  | ClipboardStep;

// ----------------------------------------------------------------- view nodes

/** `{ event, action, payload? }`: a prop that handles a DOM event. */
export interface EventHandler {
  event: string;
  action: string;
  payload?: Expr | Record<string, Expr>;
}

export type PropValue = Expr | EventHandler;

export interface ElementNode {
  kind: 'element';
  tag: string;
  props?: Record<string, PropValue>;
  children?: ViewNode[];
}
export interface TextNode {
  kind: 'text';
  value: Expr;
}
export interface IfNode {
  kind: 'if';
  condition: Expr;
  then: ViewNode;
  else?: ViewNode;
}
export interface EachNode {
  kind: 'each';
  items: Expr;
  as: string;
  index?: string;
  key?: Expr;
  body: ViewNode;
}

export type ViewNode = ElementNode | TextNode | IfNode | EachNode;
