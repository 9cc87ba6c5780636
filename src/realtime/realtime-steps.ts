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
  Step,
  UnbindStep,
} from '../program/types.js';
import { ConstelaError } from '../runtime/errors.js';
import { parseJsonOrText } from '../runtime/json.js';
import { Scope } from '../runtime/scope.js';
import { setResult, type StepContext } from '../steps/context.js';
import { requestParts } from '../steps/request.js';
import { nextFrame } from './frame.js';
import { SerialQueue } from './serial-queue.js';
import { applyBindings, evaluatePath } from './binding.js';
import { sseConnection } from './sse-connection.js';

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
  /** The event types delivered; the others are skipped. */
  const eventTypes = step.eventTypes ?? ['message'];
  /**
   * Queues `work` to run after the earlier callbacks, unless the connection
   * is closed by then (which a replaced, closed or stopped one always is).
   * The last drop closes the connection before its onError is queued, so
   * that one runs `always`.
   */
  const enqueue = (work: () => void | Promise<void>, always = false) =>
    queue.add(() => (always || !connection.isClosed ? work() : undefined));
  const callback = (steps: Step[] | undefined, names: [string, unknown][]) => () =>
    ctx.runCallback(steps, new Scope(scope, names));
  const connection = sseConnection(
    {
      url,
      method: step.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      reconnect: step.reconnect,
    },
    {
      open: () => enqueue(callback(step.onOpen, [])),
      message: (event) => {
        if (!eventTypes.includes(event.type)) return;
        enqueue(() => {
          const names: [string, unknown][] = [
            ['payload', parseJsonOrText(event.data)],
            ['event', event],
          ];
          applyBindings(ctx.realtime.bindingsOf(name), event.type, names, ctx);
          return ctx.runCallback(step.onMessage, new Scope(scope, names));
        });
      },
      drop: (info) => enqueue(callback(step.onError, [['payload', info]]), !info.willRetry),
    },
  );
  ctx.realtime.open(name, connection);
  connection.start();
}

export function runOptimistic(step: OptimisticStep, scope: Scope, ctx: StepContext): void {
  const field = ctx.store.field(step.target);
  if (field === undefined) {
    throw new ConstelaError('step', `there is no state field "${step.target}"`, locate(step));
  }
  const keys = evaluatePath(step.path, scope, ctx);
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
