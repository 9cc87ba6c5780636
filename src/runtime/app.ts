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
import { isPlainObject } from './paths.js';
import { Scope } from './scope.js';
import { Store } from './store.js';
import { DEV } from '../dev.js';

export type Reporter = (error: ConstelaError) => void;

export class App implements StepContext, ViewContext {
  readonly store: Store;
  readonly reactor: Reactor;
  readonly resources = tracker();
  readonly realtime = new Realtime(this.resources);
  /** False once the app has been stopped for good: later callbacks do nothing. */
  alive = true;
  readonly #actions: Map<string, ActionDecl>;
  #template: unknown;

  readonly #program: Program;
  readonly #reporter: Reporter;

  constructor(program: Program, reporter: Reporter) {
    this.#program = program;
    this.#reporter = reporter;
    this.store = new Store(program.state);
    this.reactor = new Reactor((error) => this.report(error));
    this.#actions = new Map(program.actions.map((action) => [action.name, action]));
  }

  /** The lit value that renders the program's view (made once). */
  view(): unknown {
    return (this.#template ??= renderNode(this.#program.view, new Scope(), this));
  }

  /** Runs `onMount`; resolves when its steps have finished. */
  mount(): Promise<void> {
    return this.#runLifecycle('onMount');
  }

  /**
   * Runs `onUnmount`, then stops every timer and request. What `onUnmount`
   * starts synchronously (closing a connection) happens before that.
   */
  unmount(): void {
    void this.#runLifecycle('onUnmount');
    this.#stopLive();
  }

  /** Stops the program for good. */
  stop(): void {
    this.alive = false;
    this.#stopLive();
    this.reactor.dispose();
  }

  #runLifecycle(hook: 'onMount' | 'onUnmount'): Promise<void> {
    const name = this.#program.lifecycle?.[hook];
    return name === undefined
      ? Promise.resolve()
      : this.runAction(name, new Map(), `/lifecycle/${hook}`);
  }

  /** Stops what is live: connections, timers and requests. */
  #stopLive(): void {
    this.realtime.stop();
    this.resources.stopAll();
  }

  /**
   * Runs an action in a fresh scope. Resolves when its steps have finished
   * (callbacks that run later do not count); never rejects: a failing step
   * is reported and ends this run only.
   */
  runAction(name: string, names: Map<string, unknown>, path?: string): Promise<void> {
    const action = this.#actions.get(name);
    // A missing action has no steps: runCallback runs nothing.
    if (DEV && action === undefined) warn(`there is no action "${name}"`, path);
    return Promise.resolve(runCallback(action?.steps, new Scope(null, names), this));
  }

  runCallback(steps: readonly Step[] | undefined, scope: Scope): void | Promise<void> {
    return runCallback(steps, scope, this);
  }

  handleEvent(handler: EventHandler, scope: Scope, event: Event): void {
    if (!this.alive) return;
    // The handler's scope: the loop variables it sits in, its payload
    // (by name and spread) and the event, all as they are now.
    const names = Signal.subtle.untrack(() => scope.snapshot());
    const described = describeEvent(event);
    const expr = handler.payload;
    let payload: unknown;
    try {
      // The payload sees the loop variables and the event.
      const payloadScope = new Scope(scope, [['event', described]]);
      payload =
        expr === undefined
          ? undefined
          : Signal.subtle.untrack(() => evaluateExprOrRecord(expr, payloadScope, this));
    } catch (error) {
      this.report(error, locate(handler));
      return;
    }
    // (Only JSON-like values reach here: a non-plain object would be a
    // global such as Math, which has no fields to spread anyway.)
    if (isPlainObject(payload)) {
      for (const [key, value] of Object.entries(payload)) names.set(key, value);
    }
    names.set('payload', payload);
    names.set('event', described);
    void this.runAction(handler.action, names, pointer(locate(handler) ?? '', 'action'));
  }

  report(error: unknown, path?: string): void {
    this.#reporter(toConstelaError(error, 'step', path));
  }
}

/** What `describeEvent` copies from the event, and from its target. */
const EVENT_FIELDS =
  'type key code altKey ctrlKey metaKey shiftKey repeat button clientX clientY offsetX offsetY ' +
  'data inputType';
const TARGET_FIELDS = 'value checked name id type selectedIndex';

/**
 * The event as a program sees it: plain data copied from the DOM event and
 * its target, never the live objects (which would reach the whole page).
 */
function describeEvent(event: Event): Record<string, unknown> {
  const out = copyDefined(event, EVENT_FIELDS, {});
  const target = event.target as Partial<HTMLElement> | null;
  if (target !== null) {
    const t = copyDefined(target, TARGET_FIELDS, {});
    if (target.dataset !== undefined) t.dataset = { ...target.dataset };
    out.target = t;
    // `event.value` and `event.checked` repeat the target's.
    copyDefined(t, 'value checked', out);
  }
  return out;
}

/**
 * Copies the fields of `from` named in `names` (separated by spaces) that
 * are defined into `to`.
 */
function copyDefined(
  from: object,
  names: string,
  to: Record<string, unknown>,
): Record<string, unknown> {
  for (const name of names.split(' ')) {
    const value = (from as Record<string, unknown>)[name];
    if (value !== undefined) to[name] = value;
  }
  return to;
}

/** The app's resources, and what the app itself needs of them. */
interface Tracker extends Resources {
  /** How many timers and requests are live, for leak checks. */
  readonly size: number;
  stopAll(): void;
}

/** Timers and requests started by steps, so they can all be stopped. */
function tracker(): Tracker {
  // What stops each live one: timers by id (timeouts and intervals share
  // one id space), requests by their controller.
  const live = new Map<number | AbortController, () => void>();
  return {
    setTimeout(fn, ms) {
      const id = window.setTimeout(() => {
        live.delete(id);
        fn();
      }, ms);
      live.set(id, () => window.clearTimeout(id));
      return id;
    },
    setInterval(fn, ms) {
      const id = window.setInterval(fn, ms);
      live.set(id, () => window.clearInterval(id));
      return id;
    },
    clearTimer(id) {
      live.get(id)?.();
      live.delete(id);
    },
    request() {
      const controller = new AbortController();
      live.set(controller, () => controller.abort());
      return { signal: controller.signal, done: () => live.delete(controller) };
    },
    get size() {
      return live.size;
    },
    stopAll() {
      for (const stop of live.values()) stop();
      live.clear();
    },
  };
}
