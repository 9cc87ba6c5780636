/**
 * The realtime steps: `sseConnect`, `sseClose`, `optimistic`, `confirm`,
 * `reject`, `bind` and `unbind`.
 */
import { evaluate, toText } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type {
  BindStep,
  ConfirmStep,
  OptimisticStep,
  RejectStep,
  SseConnectStep,
  UnbindStep,
} from '../program/types.js';
import { ConstelaError } from '../runtime/errors.js';
import { parseJsonOrText } from '../runtime/json.js';
import { parsePath } from '../runtime/paths.js';
import { Scope } from '../runtime/scope.js';
import { setResult, type StepContext } from '../steps/context.js';
import { requestParts } from '../steps/request.js';
import { Backoff } from './backoff.js';
import { nextFrame } from './frame.js';
import { SerialQueue } from './serial-queue.js';
import { applyBindings } from './binding.js';
import { SseConnection } from './sse-connection.js';
import type { SseEvent } from './sse-parser.js';

/**
 * Opens a connection named `step.connection`. Its callbacks run one at a
 * time, in arrival order, each message in a scope of its own (a child of
 * this run's scope) holding `payload` and `event`. What arrives during one
 * frame is handled at that frame, as one batch, so the view updates once.
 */
export function runSseConnect(step: SseConnectStep, scope: Scope, ctx: StepContext): void {
  const name = step.connection;
  const url = toText(evaluate(step.url, scope, ctx));
  const { headers, body } = requestParts(step, scope, ctx);

  const queue = new SerialQueue(nextFrame);
  const enqueue = (work: () => Promise<void> | void) => {
    queue.add(() => (ctx.realtime.isCurrent(name, connection) ? work() : undefined));
  };
  const connection: SseConnection = new SseConnection(
    {
      url,
      method: step.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      eventTypes: new Set(step.eventTypes ?? ['message']),
    },
    new Backoff(step.reconnect),
    {
      open: () => enqueue(() => ctx.runCallback(step.onOpen, new Scope(scope))),
      message: (event) => enqueue(() => deliver(name, step, event, scope, ctx)),
      drop: (info) => {
        // The last drop (no retry) closes the connection before its
        // onError is queued, so it must run even though it is not current.
        const last = !info.willRetry;
        const run = () => ctx.runCallback(step.onError, new Scope(scope, [['payload', info]]));
        if (last) queue.add(run);
        else enqueue(run);
      },
    },
  );
  ctx.realtime.open(name, connection);
  connection.start();
}

function deliver(
  name: string,
  step: SseConnectStep,
  event: SseEvent,
  scope: Scope,
  ctx: StepContext,
): void | Promise<void> {
  const names: [string, unknown][] = [
    ['payload', parseJsonOrText(event.data)],
    ['event', { type: event.type, id: event.id, data: event.data }],
  ];
  applyBindings(ctx.realtime.bindingsOf(name), event.type, names, ctx);
  return ctx.runCallback(step.onMessage, new Scope(scope, names));
}

export function runOptimistic(step: OptimisticStep, scope: Scope, ctx: StepContext): void {
  const field = ctx.store.field(step.target);
  if (field === undefined) {
    throw new ConstelaError('step', `there is no state field "${step.target}"`, locate(step));
  }
  const keys = step.path === undefined ? [] : parsePath(evaluate(step.path, scope, ctx));
  const value = evaluate(step.value, scope, ctx);
  const id = ctx.realtime.optimistic.apply(field, keys, value, step.timeout);
  setResult(step.result, id, scope, ctx);
}

export function runSettle(step: ConfirmStep | RejectStep, scope: Scope, ctx: StepContext): void {
  const id = evaluate(step.id, scope, ctx);
  ctx.realtime.optimistic.settle(id, step.do === 'confirm', locate(step));
}

export function runBind(step: BindStep, scope: Scope, ctx: StepContext): void {
  ctx.realtime.bind(step.connection, { step, scope });
}

export function runUnbind(step: UnbindStep, ctx: StepContext): void {
  ctx.realtime.unbind(step.connection, step.target);
}
