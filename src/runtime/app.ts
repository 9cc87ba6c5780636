/**
 * One running program: its state, actions, effects and everything it has
 * started. The element owns one at a time and stops it when the program
 * changes; `pause` stops what is live (timers, requests) when the element
 * leaves the document, and `resume` runs `onMount` again when it returns.
 */
import { Signal } from 'signal-polyfill';
import { evaluateExprOrRecord } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type { ActionDecl, EventHandler, Program, Step } from '../program/types.js';
import type { Resources, StepContext } from '../steps/context.js';
import { runCallback } from '../steps/execute.js';
import { Realtime } from '../realtime/realtime.js';
import type { ViewContext } from '../view/context.js';
import { Reactor } from '../view/reactor.js';
import { renderNode } from '../view/render.js';
import { ConstelaError, pointer, toConstelaError, warn } from './errors.js';
import { Scope } from './scope.js';
import { Store } from './store.js';
import { DEV } from '../dev.js';

export type Reporter = (error: ConstelaError) => void;

export class App implements StepContext, ViewContext {
  readonly store: Store;
  readonly reactor: Reactor;
  readonly resources = new Tracker();
  readonly realtime = new Realtime(this.resources);
  readonly #actions = new Map<string, ActionDecl>();
  #stopped = false;
  #template: unknown;

  readonly #reporter: Reporter;

  constructor(
    readonly program: Program,
    reporter: Reporter,
  ) {
    this.#reporter = reporter;
    this.store = new Store(program.state);
    this.reactor = new Reactor((error) => this.report(error));
    for (const action of program.actions) this.#actions.set(action.name, action);
  }

  get alive(): boolean {
    return !this.#stopped;
  }

  /** The lit value that renders the program's view (made once). */
  view(): unknown {
    this.#template ??= renderNode(this.program.view, new Scope(), this);
    return this.#template;
  }

  /** Runs `onMount`; resolves when its steps have finished. */
  mount(): Promise<void> {
    const name = this.program.lifecycle?.onMount;
    return name === undefined
      ? Promise.resolve()
      : this.runAction(name, new Map(), '/lifecycle/onMount');
  }

  /**
   * Runs `onUnmount`, then stops every timer and request. What `onUnmount`
   * starts synchronously (closing a connection) happens before that.
   */
  unmount(): void {
    const name = this.program.lifecycle?.onUnmount;
    if (name !== undefined) void this.runAction(name, new Map(), '/lifecycle/onUnmount');
    this.realtime.stop();
    this.resources.stopAll();
  }

  /** Stops the program for good. */
  stop(): void {
    this.#stopped = true;
    this.realtime.stop();
    this.resources.stopAll();
    this.reactor.dispose();
  }

  /**
   * Runs an action in a fresh scope. Resolves when its steps have finished
   * (callbacks that run later do not count); never rejects: a failing step
   * is reported and ends this run only.
   */
  runAction(name: string, names: Map<string, unknown>, path?: string): Promise<void> {
    const action = this.#actions.get(name);
    if (action === undefined) {
      if (DEV) warn(`there is no action "${name}"`, path);
      return Promise.resolve();
    }
    return Promise.resolve(runCallback(action.steps, new Scope(null, names), this));
  }

  runCallback(steps: readonly Step[] | undefined, scope: Scope): void | Promise<void> {
    return runCallback(steps, scope, this);
  }

  handleEvent(handler: EventHandler, scope: Scope, event: Event): void {
    if (this.#stopped) return;
    // The handler's scope: the loop variables it sits in, its payload
    // (by name and spread) and the event, all as they are now.
    const names = Signal.subtle.untrack(() => scope.snapshot());
    const described = describeEvent(event);
    let payload: unknown;
    try {
      // The payload sees the loop variables and the event.
      const payloadScope = new Scope(scope, [['event', described]]);
      payload = Signal.subtle.untrack(() => this.#payloadOf(handler, payloadScope));
    } catch (error) {
      this.report(error, locate(handler));
      return;
    }
    if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
      for (const [key, value] of Object.entries(payload)) names.set(key, value);
    }
    names.set('payload', payload);
    names.set('event', described);
    void this.runAction(handler.action, names, pointer(locate(handler) ?? '', 'action'));
  }

  #payloadOf(handler: EventHandler, scope: Scope): unknown {
    const payload = handler.payload;
    return payload === undefined ? undefined : evaluateExprOrRecord(payload, scope, this);
  }

  report(error: unknown, path?: string): void {
    this.#reporter(toConstelaError(error, 'step', path));
  }
}

/**
 * The event as a program sees it: plain data copied from the DOM event and
 * its target, never the live objects (which would reach the whole page).
 */
function describeEvent(event: Event): Record<string, unknown> {
  const out: Record<string, unknown> = { type: event.type };
  const e = event as Partial<KeyboardEvent & MouseEvent & InputEvent>;
  for (const key of [
    'key',
    'code',
    'altKey',
    'ctrlKey',
    'metaKey',
    'shiftKey',
    'repeat',
    'button',
    'clientX',
    'clientY',
    'offsetX',
    'offsetY',
    'data',
    'inputType',
  ] as const) {
    if (e[key] !== undefined) out[key] = e[key];
  }
  const target = event.target as Partial<HTMLInputElement & HTMLSelectElement> | null;
  if (target !== null && typeof target === 'object') {
    const t: Record<string, unknown> = {};
    for (const key of ['value', 'checked', 'name', 'id', 'type', 'selectedIndex'] as const) {
      if (target[key] !== undefined) t[key] = target[key];
    }
    if (target.dataset !== undefined) t.dataset = { ...target.dataset };
    out.target = t;
    if (t.value !== undefined) out.value = t.value;
    if (t.checked !== undefined) out.checked = t.checked;
  }
  return out;
}

/** Timers and requests started by steps, so they can all be stopped. */
class Tracker implements Resources {
  readonly #timeouts = new Set<number>();
  readonly #intervals = new Set<number>();
  readonly #requests = new Set<AbortController>();

  setTimeout(fn: () => void, ms: number): number {
    const id = window.setTimeout(() => {
      this.#timeouts.delete(id);
      fn();
    }, ms);
    this.#timeouts.add(id);
    return id;
  }

  setInterval(fn: () => void, ms: number): number {
    const id = window.setInterval(fn, ms);
    this.#intervals.add(id);
    return id;
  }

  clearTimer(id: number): void {
    if (this.#intervals.delete(id)) window.clearInterval(id);
    if (this.#timeouts.delete(id)) window.clearTimeout(id);
  }

  request(): { signal: AbortSignal; done(): void } {
    const controller = new AbortController();
    this.#requests.add(controller);
    return { signal: controller.signal, done: () => this.#requests.delete(controller) };
  }

  /** How many timers and requests are live, for leak checks. */
  get size(): number {
    return this.#timeouts.size + this.#intervals.size + this.#requests.size;
  }

  stopAll(): void {
    for (const id of this.#timeouts) window.clearTimeout(id);
    for (const id of this.#intervals) window.clearInterval(id);
    for (const controller of this.#requests) controller.abort();
    this.#timeouts.clear();
    this.#intervals.clear();
    this.#requests.clear();
  }
}
