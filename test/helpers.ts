import type { ConstelaApp } from '../src/element.js';
import type { ConstelaErrorDetail } from '../src/element.js';
import type { Program } from '../src/program/types.js';

(globalThis as { CONSTELA_SILENT?: boolean }).CONSTELA_SILENT = true;

export interface Mounted {
  el: ConstelaApp;
  errors: ConstelaErrorDetail[];
}

/** Puts a `<constela-app>` running `program` in the page and waits for it. */
export async function mount(
  program: unknown,
  options: { shadow?: boolean; parent?: HTMLElement } = {},
): Promise<Mounted> {
  const el = document.createElement('constela-app');
  if (options.shadow) el.setAttribute('shadow', '');
  const errors: ConstelaErrorDetail[] = [];
  el.addEventListener('constela-error', (e) => errors.push(e.detail));
  const ready = new Promise((resolve) =>
    el.addEventListener('constela-ready', resolve, { once: true }),
  );
  el.program = program as Program;
  (options.parent ?? document.body).append(el);
  await Promise.race([ready, el.updateComplete.then(() => settle(el))]);
  await el.updateComplete;
  return { el, errors };
}

/** Waits for pending effects and one more task. */
export async function settle(el?: ConstelaApp): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (el) await el.updateComplete;
}

/** Waits until `check` is true or fails after `ms`. */
export async function until(check: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function root(el: ConstelaApp): ParentNode {
  return el.shadowRoot ?? el;
}

export function $(el: ConstelaApp, selector: string): HTMLElement {
  const found = root(el).querySelector<HTMLElement>(selector);
  if (found === null) throw new Error(`no element matches ${selector}`);
  return found;
}

export function $$(el: ConstelaApp, selector: string): HTMLElement[] {
  return Array.from(root(el).querySelectorAll<HTMLElement>(selector));
}

export async function loadDemo(name: string): Promise<Program> {
  const response = await fetch(`/demo/${name}.json`);
  return (await response.json()) as Program;
}

// Small builders keep test programs short and readable.
export const lit = (value: unknown) => ({ expr: 'lit', value });
export const state = (name: string, path?: string) =>
  path === undefined ? { expr: 'state', name } : { expr: 'state', name, path };
export const v = (name: string, path?: string) =>
  path === undefined ? { expr: 'var', name } : { expr: 'var', name, path };
export const text = (value: unknown) => ({ kind: 'text', value });
export const el = (tag: string, props: Record<string, unknown> = {}, children: unknown[] = []) => ({
  kind: 'element',
  tag,
  props,
  children,
});

/** A program with the given state, actions and view. */
export function program(
  stateDecls: Record<string, { type: string; initial: unknown }>,
  actions: { name: string; steps: unknown[] }[],
  view: unknown,
  extra: Record<string, unknown> = {},
): unknown {
  return { version: '1.0', state: stateDecls, actions, view, ...extra };
}

/** Collects the runtime's dev warnings until `restore()`. */
export function captureWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  (globalThis as { CONSTELA_SILENT?: boolean }).CONSTELA_SILENT = false;
  console.warn = (msg: string) => warnings.push(msg);
  return {
    warnings,
    restore() {
      console.warn = original;
      (globalThis as { CONSTELA_SILENT?: boolean }).CONSTELA_SILENT = true;
    },
  };
}

/** `mounted` and `unmounted`: actions that push "mount" / "unmount" to state `log`. */
export const lifecycleLog = [
  {
    name: 'mounted',
    steps: [{ do: 'update', target: 'log', operation: 'push', value: lit('mount') }],
  },
  {
    name: 'unmounted',
    steps: [{ do: 'update', target: 'log', operation: 'push', value: lit('unmount') }],
  },
];
