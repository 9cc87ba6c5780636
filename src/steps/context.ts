import type { EvalContext } from '../expr/evaluate.js';
import type { Step } from '../program/types.js';
import type { Realtime } from '../realtime/realtime.js';
import type { Scope } from '../runtime/scope.js';

/**
 * What steps need from the running app. Everything a step starts that
 * outlives it (timers, requests) is registered here, so that removing the
 * element stops it.
 */
export interface StepContext extends EvalContext {
  /** False once the app has been stopped: later callbacks do nothing. */
  readonly alive: boolean;
  /**
   * Runs steps as a run of their own (a callback): a failure is reported
   * and ends that run only. A promise (that never rejects) comes back only
   * when a step had to wait.
   */
  runCallback(steps: readonly Step[] | undefined, scope: Scope): void | Promise<void>;
  /** Runs the named action in a fresh scope with the given names. */
  runAction(name: string, names: Map<string, unknown>, path?: string): Promise<void>;
  /** Reports a failed step or callback (a `constela-error`). */
  report(error: unknown, path?: string): void;
  /** Timers and requests, cleared and aborted when the app stops. */
  readonly resources: Resources;
  /** Connections, bindings and pending optimistic updates. */
  readonly realtime: Realtime;
}

export interface Resources {
  setTimeout(fn: () => void, ms: number): number;
  setInterval(fn: () => void, ms: number): number;
  clearTimer(id: number): void;
  /** An AbortSignal that fires when the app stops; call `done` when finished. */
  request(): { signal: AbortSignal; done(): void };
}

/**
 * Makes a step's `result` visible: always as a name in the run's scope,
 * and also in state when a state field has that name.
 */
export function setResult(
  name: string | undefined,
  value: unknown,
  scope: Scope,
  ctx: StepContext,
): void {
  if (name === undefined) return;
  scope.set(name, value);
  if (ctx.store.has(name)) ctx.store.writeBase(name, value);
}
