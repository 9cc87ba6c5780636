import { html, nothing, render } from 'lit/html.js';
import { Signal } from 'signal-polyfill';
import { checkProgram } from './program/check.js';
import { fetchProgram, parseProgram } from './program/load.js';
import type { Program } from './program/types.js';
import { App } from './runtime/app.js';
import { ConstelaError, toConstelaError, warn } from './runtime/errors.js';

/** `detail` of a `constela-error` event. */
export interface ConstelaErrorDetail {
  message: string;
  path?: string;
  code: ConstelaError['code'];
}

type Status =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'running'; app: App }
  | { kind: 'failed'; errors: ConstelaError[] };

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
  private status: Status = { kind: 'idle' };
  #root: HTMLElement | ShadowRoot | undefined;
  /** The render queued for the next microtask, if any. */
  #rendering: Promise<void> | undefined;
  #fallback: ChildNode[] | undefined;
  #loadToken = 0;
  #loading: AbortController | undefined;
  #started: Promise<void> = Promise.resolve();
  /** Calls waiting for a program to be running (or to have failed). */
  #waiting: (() => void)[] = [];
  /** Whether a (re)load is due at the next render. */
  #loadDue = true;
  #mounted = false;
  #pendingMount = false;

  /** URL of a JSON program (the `src` attribute). */
  get src(): string | undefined {
    return this.getAttribute('src') ?? undefined;
  }
  set src(url: string | undefined) {
    if (url == null) this.removeAttribute('src');
    else this.setAttribute('src', url);
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
    if (ms == null) this.removeAttribute('timeout');
    else this.setAttribute('timeout', String(ms));
  }

  /**
   * Resolves once everything asked for so far is on screen: the program
   * loaded (or failed), rendered, and its effects flushed.
   */
  get updateComplete(): Promise<boolean> {
    return this.#untilShown();
  }

  async #untilShown(): Promise<boolean> {
    while (this.#rendering !== undefined) await this.#rendering;
    await this.#started;
    if (this.#rendering !== undefined) return this.#untilShown();
    if (this.status.kind === 'running') await this.status.app.reactor.settled();
    return true;
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    if (before !== after) this.#reloadSoon();
  }

  connectedCallback(): void {
    // What the page put inside the element is the loading fallback.
    this.#fallback ??= Array.from(this.childNodes);
    this.#root ??= this.hasAttribute('shadow') ? this.attachShadow({ mode: 'open' }) : this;
    if (this.status.kind === 'running') {
      // Back in the document: what changed meanwhile reaches the DOM now.
      this.status.app.reactor.resume();
      if (!this.#mounted && !this.#pendingMount) this.#mount(this.status.app);
    }
    this.#requestRender();
  }

  disconnectedCallback(): void {
    if (this.status.kind !== 'running') return;
    // Out of the document, the view stops updating (the DOM and its
    // bindings are kept, for a move) and what the program started stops.
    this.status.app.reactor.pause();
    if (this.#mounted) {
      this.#mounted = false;
      this.status.app.unmount();
    }
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
        this.#requestLoad();
      }
      this.#rendering = undefined;
      this.#render();
    });
  }

  #render(): void {
    try {
      render(this.#view(), this.#root!, { host: this });
    } catch (error) {
      if (this.status.kind === 'failed') throw error;
      this.#fail([toConstelaError(error, 'render')]);
      return;
    }
    if (this.#pendingMount && this.status.kind === 'running') {
      this.#pendingMount = false;
      if (this.isConnected) this.#mount(this.status.app, true);
    }
  }

  #view(): unknown {
    switch (this.status.kind) {
      case 'idle':
      case 'loading':
        return this.shadowRoot === null ? nothing : html`<slot></slot>`;
      case 'running':
        return this.status.app.view();
      case 'failed':
        return errorPanel(this.status.errors);
    }
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
    const app = this.#runningApp();
    if (app === undefined || !app.store.has(name)) return undefined;
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
    const app = this.#runningApp();
    if (app === undefined) {
      this.#report(new ConstelaError('step', `setState("${name}") before the program started`));
      return;
    }
    if (!app.store.has(name)) {
      this.#report(new ConstelaError('step', `setState: there is no state field "${name}"`));
      return;
    }
    try {
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
    await this.#settled();
    const app = this.#runningApp();
    if (app === undefined) {
      this.#report(new ConstelaError('step', `dispatch("${actionName}"): no program is running`));
      return;
    }
    let copy: unknown;
    try {
      copy = structuredClone(payload);
    } catch (error) {
      this.#report(toConstelaError(error, 'step'));
      return;
    }
    const names = new Map<string, unknown>([['payload', copy]]);
    if (copy !== null && typeof copy === 'object' && !Array.isArray(copy)) {
      for (const [key, value] of Object.entries(copy)) names.set(key, value);
    }
    await app.runAction(actionName, names);
  }

  /** Resolves once a program is running or has failed to start. */
  #settled(): Promise<void> {
    if (this.status.kind === 'running' || this.status.kind === 'failed') return this.#started;
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #runningApp(): App | undefined {
    return this.status.kind === 'running' ? this.status.app : undefined;
  }

  #requestLoad(): void {
    this.#started = this.#load().catch((error: unknown) => {
      this.#fail([toConstelaError(error, 'load')]);
    });
  }

  /** Stops the current program (if any) and starts the one now configured. */
  async #load(): Promise<void> {
    const token = ++this.#loadToken;
    this.#loading?.abort();
    this.#loading = new AbortController();
    this.#stopCurrent();

    let source: unknown;
    if (this.program !== undefined) {
      source = structuredClone(this.program);
    } else if (this.src) {
      this.#setStatus({ kind: 'loading' });
      source = await fetchProgram(this.src, this.#loading.signal, this.timeout);
    } else {
      const script = this.querySelector(':scope > script[type="application/json"]');
      if (script === null) return;
      source = parseProgram(script.textContent ?? '', 'the inline program');
    }
    if (token !== this.#loadToken) return;

    const problems = checkProgram(source);
    if (problems.length > 0) {
      this.#fail(problems.map((p) => new ConstelaError('invalid', p.message, p.path)));
      return;
    }
    const app = new App(source as Program, (error) => this.#report(error));
    this.#pendingMount = true;
    this.#setStatus({ kind: 'running', app });
    // Resolves after the render that shows it (and mounts it).
    while (this.#rendering !== undefined) await this.#rendering;
  }

  #mount(app: App, first = false): void {
    this.#mounted = true;
    void app.mount().then(() => {
      if (first && app.alive) {
        this.dispatchEvent(new CustomEvent('constela-ready', { bubbles: true, composed: true }));
      }
    });
  }

  #stopCurrent(): void {
    if (this.status.kind !== 'running') return;
    const app = this.status.app;
    if (this.#mounted) app.unmount();
    this.#mounted = false;
    app.stop();
    this.status = { kind: 'idle' };
  }

  #setStatus(status: Status): void {
    if (status.kind === 'running' || status.kind === 'failed') this.#removeFallback();
    this.status = status;
    this.#requestRender();
    if (status.kind === 'running' || status.kind === 'failed') {
      // dispatch() calls made while loading run once the first render is done.
      const waiting = this.#waiting;
      this.#waiting = [];
      void this.updateComplete.then(() => waiting.forEach((resolve) => resolve()));
    }
  }

  #fail(errors: ConstelaError[]): void {
    this.#setStatus({ kind: 'failed', errors });
    for (const error of errors) this.#report(error);
  }

  #removeFallback(): void {
    if (this.shadowRoot !== null || this.#fallback === undefined) return;
    for (const node of this.#fallback) node.remove();
    this.#fallback = [];
  }

  #report(error: ConstelaError): void {
    const detail: ConstelaErrorDetail = { message: error.detail, code: error.code };
    if (error.path !== undefined) detail.path = error.path;
    warn(error.detail, error.path);
    this.dispatchEvent(
      new CustomEvent<ConstelaErrorDetail>('constela-error', {
        detail,
        bubbles: true,
        composed: true,
      }),
    );
  }
}

const PANEL_STYLE =
  'font:14px/1.4 system-ui,sans-serif;border:2px solid #c62828;background:#fff5f5;' +
  'color:#611;padding:12px 16px;border-radius:6px';

function errorPanel(errors: readonly ConstelaError[]): unknown {
  return html`<div class="constela-errors" role="alert" part="errors" style=${PANEL_STYLE}>
    <strong>This Constela program cannot start</strong>
    <ul style="margin:8px 0 0;padding-left:20px">
      ${errors.map(
        (e) =>
          html`<li>
            ${e.path !== undefined ? html`<code>${e.path}</code>: ` : nothing}${e.detail}
          </li>`,
      )}
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
