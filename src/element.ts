import { LitElement, html, nothing, type PropertyValues } from 'lit';
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
 * @fires constela-ready - after the first render and `onMount`
 * @fires constela-error - for every reported problem: `{ message, path?, code }`
 */
export class ConstelaApp extends LitElement {
  static override properties = {
    src: { type: String },
    program: { attribute: false },
    timeout: { type: Number },
  };

  /** URL of a JSON program. */
  declare src: string | undefined;
  /** A program object; wins over `src`. */
  declare program: Program | undefined;
  /** How long `src` may take to answer, in milliseconds (default 10000). */
  declare timeout: number | undefined;

  private status: Status = { kind: 'idle' };
  private fallback: ChildNode[] | undefined;
  private loadToken = 0;
  private loading: AbortController | undefined;
  private started: Promise<void> = Promise.resolve();
  /** Calls waiting for a program to be running (or to have failed). */
  private waiting: (() => void)[] = [];
  /** Whether the first load was started (not `hasUpdated`: a render that
   * throws leaves that false, and loading again would loop). */
  private loadStarted = false;
  private mounted = false;
  private pendingMount = false;

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    return this.hasAttribute('shadow') ? this.attachShadow({ mode: 'open' }) : this;
  }

  override connectedCallback(): void {
    // What the page put inside the element is the loading fallback.
    this.fallback ??= Array.from(this.childNodes);
    super.connectedCallback();
    if (this.status.kind === 'running' && !this.mounted) this.mount(this.status.app);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.status.kind === 'running' && this.mounted) {
      this.mounted = false;
      this.status.app.unmount();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update loads whatever is configured (possibly an inline
    // script); later ones only when the source changed.
    if (!this.loadStarted || changed.has('src') || changed.has('program')) {
      this.requestLoad();
    }
  }

  protected override render(): unknown {
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

  protected override updated(): void {
    if (this.pendingMount && this.status.kind === 'running') {
      this.pendingMount = false;
      const app = this.status.app;
      if (this.isConnected) this.mount(app, true);
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.started;
    if (this.status.kind === 'running') await this.status.app.reactor.settled();
    return done;
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
    const app = this.runningApp();
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
    const app = this.runningApp();
    if (app === undefined) {
      this.report(new ConstelaError('step', `setState("${name}") before the program started`));
      return;
    }
    if (!app.store.has(name)) {
      this.report(new ConstelaError('step', `setState: there is no state field "${name}"`));
      return;
    }
    try {
      app.store.writeBase(name, structuredClone(value));
    } catch (error) {
      this.report(toConstelaError(error, 'step', `/state/${name}`));
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
    await this.settled();
    const app = this.runningApp();
    if (app === undefined) {
      this.report(new ConstelaError('step', `dispatch("${actionName}"): no program is running`));
      return;
    }
    let copy: unknown;
    try {
      copy = structuredClone(payload);
    } catch (error) {
      this.report(toConstelaError(error, 'step'));
      return;
    }
    const names = new Map<string, unknown>([['payload', copy]]);
    if (copy !== null && typeof copy === 'object' && !Array.isArray(copy)) {
      for (const [key, value] of Object.entries(copy)) names.set(key, value);
    }
    await app.runAction(actionName, names);
  }

  /** Resolves once a program is running or has failed to start. */
  private settled(): Promise<void> {
    if (this.status.kind === 'running' || this.status.kind === 'failed') return this.started;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private runningApp(): App | undefined {
    return this.status.kind === 'running' ? this.status.app : undefined;
  }

  private requestLoad(): void {
    this.loadStarted = true;
    this.started = this.load().catch((error: unknown) => {
      this.fail([toConstelaError(error, 'load')]);
    });
  }

  /** Stops the current program (if any) and starts the one now configured. */
  private async load(): Promise<void> {
    const token = ++this.loadToken;
    this.loading?.abort();
    this.loading = new AbortController();
    this.stopCurrent();

    let source: unknown;
    if (this.program !== undefined) {
      source = structuredClone(this.program);
    } else if (this.src) {
      this.setStatus({ kind: 'loading' });
      source = await fetchProgram(this.src, this.loading.signal, this.timeout);
    } else {
      const script = this.querySelector(':scope > script[type="application/json"]');
      if (script === null) return;
      source = parseProgram(script.textContent ?? '', 'the inline program');
    }
    if (token !== this.loadToken) return;

    const problems = checkProgram(source);
    if (problems.length > 0) {
      this.fail(problems.map((p) => new ConstelaError('invalid', p.message, p.path)));
      return;
    }
    const app = new App(source as Program, (error) => this.report(error));
    this.pendingMount = true;
    this.setStatus({ kind: 'running', app });
    await this.updateCompleteWithoutStart();
  }

  private updateCompleteWithoutStart(): Promise<boolean> {
    return super.getUpdateComplete();
  }

  private mount(app: App, first = false): void {
    this.mounted = true;
    void app.mount().then(() => {
      if (first && app.alive) {
        this.dispatchEvent(new CustomEvent('constela-ready', { bubbles: true, composed: true }));
      }
    });
  }

  private stopCurrent(): void {
    if (this.status.kind !== 'running') return;
    const app = this.status.app;
    if (this.mounted) app.unmount();
    this.mounted = false;
    app.stop();
    this.status = { kind: 'idle' };
  }

  private setStatus(status: Status): void {
    if (status.kind === 'running' || status.kind === 'failed') this.removeFallback();
    this.status = status;
    this.requestUpdate();
    if (status.kind === 'running' || status.kind === 'failed') {
      // dispatch() calls made while loading run once the first render is done.
      const waiting = this.waiting;
      this.waiting = [];
      void this.updateComplete.then(() => waiting.forEach((resolve) => resolve()));
    }
  }

  private fail(errors: ConstelaError[]): void {
    this.setStatus({ kind: 'failed', errors });
    for (const error of errors) this.report(error);
  }

  private removeFallback(): void {
    if (this.shadowRoot !== null || this.fallback === undefined) return;
    for (const node of this.fallback) node.remove();
    this.fallback = [];
  }

  private report(error: ConstelaError): void {
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
