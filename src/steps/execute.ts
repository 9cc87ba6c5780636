/**
 * Runs a list of steps in one scope. Steps run in order; a step that
 * returns a promise (a `fetch`, a clipboard read) is awaited before the
 * next, and steps that finish at once run synchronously, so an optimistic
 * update shows in the same frame as the click that caused it. Callbacks
 * that run later (`delay`, `interval`) run in the same scope.
 */
import { evaluate, toText } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type { ClearTimerStep, DelayStep, IntervalStep, Step } from '../program/types.js';
import { ConstelaError, unreachable } from '../runtime/errors.js';
import { Scope } from '../runtime/scope.js';
import {
  runBind,
  runOptimistic,
  runSettle,
  runSseConnect,
  runUnbind,
} from '../realtime/realtime-steps.js';
import { runClipboard, runNavigate, runStorage } from './browser-steps.js';
import { setResult, type StepContext } from './context.js';
import { runFetch } from './fetch-step.js';
import { runSet, runSetPath, runUpdate } from './state-steps.js';

/**
 * Runs `steps`; returns a promise only when some step had to wait. A
 * throwing step stops this list and is thrown to the caller.
 */
export function runSteps(
  steps: readonly Step[],
  scope: Scope,
  ctx: StepContext,
  from = 0,
): void | Promise<void> {
  for (let i = from; i < steps.length; i++) {
    if (!ctx.alive) return;
    const pending = runStep(steps[i], scope, ctx);
    if (pending !== undefined) {
      return pending.then(() => runSteps(steps, scope, ctx, i + 1));
    }
  }
}

/**
 * Runs steps as a whole run (an action, a callback): a failure is reported
 * here and ends this run only. Returns a promise only when a step had to
 * wait; it never rejects.
 */
export function runCallback(
  steps: readonly Step[] | undefined,
  scope: Scope,
  ctx: StepContext,
): void | Promise<void> {
  if (steps === undefined) return;
  try {
    // (runSteps runs nothing once the app has stopped.)
    return runSteps(steps, scope, ctx)?.catch((error: unknown) => ctx.report(error));
  } catch (error) {
    ctx.report(error);
  }
}

function runStep(step: Step, scope: Scope, ctx: StepContext): void | Promise<void> {
  try {
    return dispatchStep(step, scope, ctx)?.catch((error: unknown) => {
      throw located(error, step);
    });
  } catch (error) {
    throw located(error, step);
  }
}

/** Gives an error the path of the step it came from, unless it has one. */
function located(error: unknown, step: Step): ConstelaError {
  if (error instanceof ConstelaError && error.path !== undefined) return error;
  // (A ConstelaError without a path has no location suffix to leave out.)
  const message = error instanceof Error ? error.message : String(error);
  return new ConstelaError('step', `"${step.do}" failed: ${message}`, locate(step));
}

function dispatchStep(step: Step, scope: Scope, ctx: StepContext): void | Promise<void> {
  switch (step.do) {
    case 'set':
      return runSet(step, scope, ctx);
    case 'update':
      return runUpdate(step, scope, ctx);
    case 'setPath':
      return runSetPath(step, scope, ctx);
    case 'if': {
      const branch = evaluate(step.condition, scope, ctx) ? step.then : step.else;
      return branch === undefined ? undefined : runSteps(branch, scope, ctx);
    }
    case 'fetch':
      return runFetch(step, scope, ctx).then((outcome) => {
        const steps = outcome?.[0] === 'result' ? step.onSuccess : step.onError;
        if (outcome === undefined || steps === undefined) return;
        return runSteps(steps, new Scope(scope, [outcome]), ctx);
      });
    case 'delay':
      return runDelay(step, scope, ctx);
    case 'interval':
      return runInterval(step, scope, ctx);
    case 'clearTimer':
      return runClearTimer(step, scope, ctx);
    case 'storage':
      return runStorage(step, scope, ctx);
    case 'navigate':
      return runNavigate(step, scope, ctx);
    case 'clipboard':
      return runClipboard(step, scope, ctx);
    case 'sseConnect':
      return runSseConnect(step, scope, ctx);
    case 'sseClose':
      return ctx.realtime.close(step.connection);
    case 'optimistic':
      return runOptimistic(step, scope, ctx);
    case 'confirm':
    case 'reject':
      return runSettle(step, scope, ctx);
    case 'bind':
      return runBind(step, scope, ctx);
    case 'unbind':
      return runUnbind(step, ctx);
    default:
      return unreachable(step);
  }
}

function milliseconds(value: DelayStep['ms'], scope: Scope, ctx: StepContext): number {
  const ms = Number(typeof value === 'number' ? value : evaluate(value, scope, ctx));
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

function runDelay(step: DelayStep, scope: Scope, ctx: StepContext): void {
  const ms = milliseconds(step.ms, scope, ctx);
  ctx.resources.setTimeout(() => void ctx.runCallback(step.then, scope), ms);
}

/** Timer ids are strings, so a program cannot clear a timer it did not start. */
const TIMER_PREFIX = 'timer:';

function runInterval(step: IntervalStep, scope: Scope, ctx: StepContext): void {
  // Zero would spin; the browser clamps nested timers to 4 ms anyway.
  const ms = Math.max(milliseconds(step.ms, scope, ctx), 4);
  const id = ctx.resources.setInterval(() => {
    void ctx.runAction(step.action, new Map(), locate(step));
  }, ms);
  setResult(step.result, TIMER_PREFIX + id, scope, ctx);
}

function runClearTimer(step: ClearTimerStep, scope: Scope, ctx: StepContext): void {
  const id = toText(evaluate(step.target, scope, ctx));
  if (!id.startsWith(TIMER_PREFIX)) {
    throw new ConstelaError('step', `"${id}" is not a timer id`, locate(step));
  }
  ctx.resources.clearTimer(Number(id.slice(TIMER_PREFIX.length)));
}
