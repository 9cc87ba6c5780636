import { html, nothing, render } from 'lit/html.js';
import { Signal } from 'signal-polyfill';
import { checkProgram } from './program/check.js';
import { fetchProgram, parseProgram } from './program/load.js';
import { isRecord } from './program/guards.js';
import type { Program } from './program/types.js';
import { App } from './runtime/app.js';
import { ConstelaError, toConstelaError, warn } from './runtime/errors.js';

/** `detail` of a `constela-error` event. */
export interface ConstelaErrorDetail {
  message: string;
  path?: string;
  code: ConstelaError['code'];
}

/**
 * What the element shows: a running program, or the errors that keep one
 * from starting; neither while it loads (the fallback children show).
 */
interface Status {
  app?: App;
  errors?: ConstelaError[];
}

/**
 * `<constela-app>` runs a Constela program.
 *
 * ```html
 * <script type="module" src="https://cdn.example/constela.js"></script>
 * <constela-app src="app.json">Loading…</constela-app>
 * ```
 *
 * The program comes from the `program` property, else the `src` attribute,
 * else an inline `<script type="application/json">` child. Children present
 * before it starts are shown while it loads. With the `shadow` attribute
 * the program renders into an open shadow root instead of light DOM.
 *
 * A plain custom element that renders with lit-html: the program's state
 * lives in signals, so LitElement's reactive properties would only add
 * weight (about 3 KB gzipped of the 20 KB budget).
 *
 * @fires constela-ready - after the first render and `onMount`
 * @fires constela-error - for every reported problem: `{ message, path?, code }`
 */
export class ConstelaApp extends HTMLElement {
  static observedAttributes = ['src'];

  #program: Program | undefined;
  /** TS-private rather than #private: the leak tests inspect the running app. */
  private status: Status = {};
  #root: HTMLElement | ShadowRoot | undefined;
  /** The render queued for the next microtask, if any. */
  #rendering: Promise<void> | undefined;
  #fallback: ChildNode[] | undefined;
  /** The current load: aborting it cancels its request; a newer one replaces it. */
  #loading: AbortController | undefined;
  /** Resolves once the current load has its program (or its errors). */
  #started: Promise<void> | undefined;
  /** Calls waiting for a program to be running (or to have failed). */
  #waiting: (() => void)[] = [];
  /** Whether a (re)load is due at the next render. */
  #loadDue = true;
  /** Whether the running program has run `onMount` since it was last shown in the page. */
  #mounted = false;
  /** Whether `constela-ready` is still to come for the running program. */
  #readyDue = false;

  constructor() {
    // Written out because a custom element gets no arguments: the compiled
    // default constructor would pass `...arguments` on.
    super();
  }

  /** URL of a JSON program (the `src` attribute). */
  get src(): string | undefined {
    return this.getAttribute('src') ?? undefined;
  }
  set src(url: string | undefined) {
    this.#setAttribute('src', url);
  }

  /** A program object; wins over `src`. */
  get program(): Program | undefined {
    return this.#program;
  }
  set program(program: Program | undefined) {
    if (program === this.#program) return;
    this.#program = program;
    this.#reloadSoon();
  }

  /** How long `src` may take to answer, in milliseconds (default 10000). */
  get timeout(): number | undefined {
    const value = this.getAttribute('timeout');
    return value === null ? undefined : Number(value);
  }
  set timeout(ms: number | undefined) {
    this.#setAttribute('timeout', ms);
  }

  /** Sets an attribute, or removes it for `undefined` (or `null`). */
  #setAttribute(name: string, value: unknown): void {
    if (value == null) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  /**
   * Resolves once everything asked for so far is on screen: the program
   * loaded (or failed), rendered, and its effects flushed.
   */
  get updateComplete(): Promise<boolean> {
    return this.#untilShown();
  }

  async #untilShown(): Promise<boolean> {
    // A render can start a load, and a load ends with a render.
    do {
      await this.#rendering;
      await this.#started;
    } while (this.#rendering !== undefined);
    await this.status.app?.reactor.settled();
    return true;
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    if (before !== after) this.#reloadSoon();
  }

  connectedCallback(): void {
    // What the page put inside the element is the loading fallback.
    this.#fallback ??= [...this.childNodes];
    this.#root ??= this.hasAttribute('shadow') ? this.attachShadow({ mode: 'open' }) : this;
    // Back in the document: what changed meanwhile reaches the DOM now, and
    // the render mounts the program again.
    this.status.app?.reactor.resume();
    this.#requestRender();
  }

  disconnectedCallback(): void {
    // Out of the document, the view stops updating (the DOM and its
    // bindings are kept, for a move) and what the program started stops.
    this.status.app?.reactor.pause();
    this.#unmount();
  }

  #reloadSoon(): void {
    this.#loadDue = true;
    this.#requestRender();
  }

  /** Renders at the next microtask, once however many changes come before. */
  #requestRender(): void {
    // Nothing renders before the element is first connected.
    if (this.#rendering !== undefined || this.#root === undefined) return;
    this.#rendering = Promise.resolve().then(() => {
      // A load changes the status synchronously first: that change is part
      // of this render, not a reason for another.
      if (this.#loadDue) {
        this.#loadDue = false;
        this.#load();
      }
      this.#rendering = undefined;
      this.#render();
    });
  }

  #render(): void {
    const { app } = this.status;
    try {
      render(this.#view(), this.#root!, { host: this });
    } catch (error) {
      if (app === undefined) throw error;
      this.#fail([toConstelaError(error, 'render')]);
      return;
    }
    // A program runs `onMount` once it is on screen in the page.
    if (app !== undefined && !this.#mounted && this.isConnected) this.#mount(app);
  }

  #view(): unknown {
    const { app, errors } = this.status;
    if (app !== undefined) return app.view();
    if (errors !== undefined) return errorPanel(errors);
    // Loading: light DOM keeps the fallback children as they are; a shadow
    // root shows them through a slot.
    return this.shadowRoot === null ? nothing : html`<slot></slot>`;
  }

  /**
   * A plain copy of a state field as currently displayed (with pending
   * optimistic changes); changing it changes nothing.
   *
   * ```js
   * el.getState('count'); // 3
   * ```
   */
  getState(name: string): unknown {
    const { app } = this.status;
    if (!app?.store.has(name)) return undefined;
    return structuredClone(Signal.subtle.untrack(() => app.store.read(name)));
  }

  /**
   * Sets a state field (its confirmed value) from outside the program.
   *
   * ```js
   * el.setState('count', 10);
   * ```
   */
  setState(name: string, value: unknown): void {
    const { app } = this.status;
    // Each problem is thrown to the one report below.
    try {
      if (app === undefined) {
        throw new ConstelaError('step', `setState("${name}") before the program started`);
      }
      if (!app.store.has(name)) {
        throw new ConstelaError('step', `setState: there is no state field "${name}"`);
      }
      app.store.writeBase(name, structuredClone(value));
    } catch (error) {
      this.#report(toConstelaError(error, 'step', `/state/${name}`));
    }
  }

  /**
   * Runs an action; resolves when its steps have finished (not callbacks
   * that run later, such as a `delay`'s `then`). Waits for the program to
   * start if it is still loading.
   *
   * ```js
   * await el.dispatch('addTodo', { text: 'milk' });
   * ```
   */
  async dispatch(actionName: string, payload?: unknown): Promise<void> {
    await this.#untilStarted();
    const { app } = this.status;
    // Each problem is thrown to the one report below (a failing step is
    // reported by the app: runAction never rejects).
    try {
      if (app === undefined) {
        throw new ConstelaError('step', `dispatch("${actionName}"): no program is running`);
      }
      const copy = structuredClone(payload);
      // The payload by name, and an object payload's fields spread as names too.
      await app.runAction(
        actionName,
        new Map([['payload', copy], ...(isRecord(copy) ? Object.entries(copy) : [])]),
      );
    } catch (error) {
      this.#report(toConstelaError(error, 'step'));
    }
  }

  /**
   * Before a program runs (or has failed to start), a promise that resolves
   * once one is on screen.
   */
  #untilStarted(): Promise<void> | undefined {
    const { app, errors } = this.status;
    if (app === undefined && errors === undefined) {
      return new Promise((resolve) => this.#waiting.push(resolve));
    }
  }

  /** Stops the current program (if any) and starts the one now configured. */
  #load(): void {
    this.#loading?.abort();
    const loading = (this.#loading = new AbortController());
    this.#unmount();
    this.status.app?.stop();
    this.status = {};
    this.#started = this.#start(loading).catch((error: unknown) => {
      // A load that a newer one replaced reports nothing.
      if (loading === this.#loading) this.#fail([toConstelaError(error, 'load')]);
    });
  }

  async #start(loading: AbortController): Promise<void> {
    let source: unknown;
    if (this.program !== undefined) {
      source = structuredClone(this.program);
    } else if (this.src) {
      source = await fetchProgram(this.src, loading, this.timeout);
      if (loading !== this.#loading) return;
    } else {
      const script = this.querySelector(':scope > script[type="application/json"]');
      if (script === null) return;
      source = parseProgram(script.textContent ?? '', 'the inline program');
    }

    const problems = checkProgram(source);
    if (problems.length > 0) {
      this.#fail(problems.map((p) => new ConstelaError('invalid', p.message, p.path)));
      return;
    }
    this.#readyDue = true;
    this.#show({ app: new App(source as Program, (error) => this.#report(error)) });
  }

  #mount(app: App): void {
    this.#mounted = true;
    const first = this.#readyDue;
    this.#readyDue = false;
    void app.mount().then(() => {
      if (first && app.alive) this.#fire('constela-ready');
    });
  }

  /** Runs the program's `onUnmount` (and stops what it started) if it is mounted. */
  #unmount(): void {
    if (!this.#mounted) return;
    this.#mounted = false;
    this.status.app?.unmount();
  }

  /** Shows a running program, or the errors that keep one from starting. */
  #show(status: Status): void {
    // In light DOM the fallback goes; in a shadow root it is no longer slotted.
    if (this.shadowRoot === null) this.#fallback?.splice(0).forEach((node) => node.remove());
    this.status = status;
    this.#requestRender();
    // dispatch() calls made while loading run once the first render is done.
    const waiting = this.#waiting.splice(0);
    void this.updateComplete.then(() => waiting.forEach((resolve) => resolve()));
  }

  #fail(errors: ConstelaError[]): void {
    this.#show({ errors });
    for (const error of errors) this.#report(error);
  }

  #report(error: ConstelaError): void {
    const { detail: message, code, path } = error;
    const detail: ConstelaErrorDetail = { message, code };
    if (path !== undefined) detail.path = path;
    warn(error.message);
    this.#fire('constela-error', detail);
  }

  /** Fires an event that bubbles and crosses shadow roots. */
  #fire(type: string, detail?: ConstelaErrorDetail): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** Styles its own colours and font, so it reads as an error on any page. */
const PANEL_STYLE =
  'font:14px system-ui;color:#b71c1c;background:#fff5f5;border:2px solid;padding:0 16px';

/**
 * The panel shown in place of a program that cannot start: each error as
 * the console prints it, `message (at /json/pointer)`.
 */
function errorPanel(errors: readonly ConstelaError[]): unknown {
  return html`<div class="constela-errors" role="alert" part="errors" style=${PANEL_STYLE}>
    <p><strong>This Constela program cannot start</strong></p>
    <ul>
      ${errors.map((error) => html`<li>${error.message}</li>`)}
    </ul>
  </div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'constela-app': ConstelaApp;
  }
  interface HTMLElementEventMap {
    'constela-error': CustomEvent<ConstelaErrorDetail>;
    'constela-ready': Event;
  }
}
