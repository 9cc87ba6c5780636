import { noChange, type ElementPart } from 'lit/html.js';
import { Directive, directive } from 'lit/directive.js';
import { evaluate, toText } from '../expr/evaluate.js';
import { readsOf } from '../expr/reads.js';
import { locate } from '../program/locations.js';
import { isEventHandler, isExpr } from '../program/guards.js';
import type { ElementNode, EventHandler, Expr, TextNode } from '../program/types.js';
import { warn } from '../runtime/errors.js';
import type { Scope } from '../runtime/scope.js';
import type { ViewContext } from './context.js';
import { clobbers, isBlockedProp, isSafeUrl, isUrlProp } from './safety.js';
import { DEV } from '../dev.js';

/** The props of one rendered element, in its scope. */
export interface PropsSpec {
  readonly node: ElementNode;
  readonly scope: Scope;
  readonly ctx: ViewContext;
  /** Children of a raw-text element (`textarea`, `title`, `style`). */
  readonly text?: readonly TextNode[];
}

/** Live form state: always set as properties, never as attributes. */
const LIVE = new Set(['value', 'checked', 'selected', 'indeterminate']);

/**
 * Applies an element's props: each expression prop is its own effect, so a
 * change re-applies only that prop; handlers are listeners added once. The
 * effects belong to the group current when they are made (the row, the
 * branch), which disposes them with the DOM.
 */
class PropsDirective extends Directive {
  #spec: PropsSpec | undefined;
  #element: Element | undefined;
  /** Undoes what `start` did: effects stopped, listeners removed. */
  #stops: (() => void)[] = [];

  render(_spec: PropsSpec): unknown {
    return noChange;
  }

  override update(part: ElementPart, [spec]: [PropsSpec]): unknown {
    if (spec === this.#spec) return noChange;
    this.#element = part.element;
    this.#stopAll();
    this.#spec = spec;
    this.#start();
    return noChange;
  }

  #start(): void {
    const { node, scope, ctx, text } = this.#spec!;
    const element = this.#element!;
    for (const prop of planOf(node)) {
      switch (prop.kind) {
        case 'handler':
          this.#listen(element, prop.handler, scope, ctx);
          break;
        case 'fixed':
          applyProp(element, prop.name, prop.value, prop.path);
          break;
        case 'bound': {
          const { name, expr } = prop;
          this.#stops.push(
            ctx.reactor.effect(
              () => evaluate(expr, scope, ctx),
              (v) => applyProp(element, name, v, locate(expr)),
              readsOf(expr),
            ),
          );
          break;
        }
      }
    }
    if (text !== undefined && text.length > 0) {
      this.#stops.push(
        ctx.reactor.effect(
          () => text.map((child) => toText(evaluate(child.value, scope, ctx))).join(''),
          (content) => setTextContent(element, content as string),
        ),
      );
    }
  }

  #listen(element: Element, handler: EventHandler, scope: Scope, ctx: ViewContext): void {
    const listener = (event: Event) => {
      // An element out of the document belongs to DOM that left the app.
      if (element.isConnected) ctx.handleEvent(handler, scope, event);
    };
    element.addEventListener(handler.event, listener);
    this.#stops.push(() => element.removeEventListener(handler.event, listener));
  }

  #stopAll(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }
}

export const props = directive(PropsDirective);

/** One prop of an element node, sorted once for every element made from it. */
type PlannedProp =
  | { readonly kind: 'handler'; readonly handler: EventHandler }
  | {
      readonly kind: 'fixed';
      readonly name: string;
      readonly value: unknown;
      readonly path?: string;
    }
  | { readonly kind: 'bound'; readonly name: string; readonly expr: Expr };

const plans = new WeakMap<ElementNode, readonly PlannedProp[]>();

/**
 * The props of `node`: handlers, values that never change (plain values
 * and `lit` expressions, applied once, with no effect) and bound
 * expressions. Blocked props are warned about once and left out.
 */
function planOf(node: ElementNode): readonly PlannedProp[] {
  let plan = plans.get(node);
  if (plan !== undefined) return plan;
  const planned: PlannedProp[] = [];
  for (const [name, value] of Object.entries(node.props ?? {})) {
    if (isEventHandler(value)) {
      planned.push({ kind: 'handler', handler: value });
    } else if (isBlockedProp(name)) {
      if (DEV) warn(`the prop "${name}" is not allowed and was not set`, locate(node));
    } else if (!isExpr(value)) {
      planned.push({ kind: 'fixed', name, value });
    } else if (value.expr === 'lit') {
      planned.push({ kind: 'fixed', name, value: value.value, path: locate(value) });
    } else {
      planned.push({ kind: 'bound', name, expr: value });
    }
  }
  plans.set(node, (plan = planned));
  return plan;
}

function setTextContent(element: Element, content: string): void {
  if (element instanceof HTMLTextAreaElement) {
    if (element.value !== content) element.value = content;
  } else if (element.textContent !== content) {
    element.textContent = content;
  }
}

/** Sets one prop on an element from a program value. */
export function applyProp(element: Element, name: string, value: unknown, path?: string): void {
  if (name === 'className' || name === 'class') {
    const cls = classString(value);
    if (element.getAttribute('class') !== cls) element.setAttribute('class', cls);
    return;
  }
  if (name === 'style') {
    applyStyle(element as HTMLElement, value);
    return;
  }
  if (LIVE.has(name)) {
    // Compare first: rewriting an equal value would move the caret.
    const live = element as unknown as Record<string, unknown>;
    const next = name === 'value' ? toText(value) : Boolean(value);
    if (live[name] === next) return;
    if (name === 'value' && element === (element.getRootNode() as Document).activeElement) {
      // The user is typing and a handler rewrote the value (upper-cased it,
      // say): keep the caret where it was rather than at the end.
      setKeepingCaret(element as HTMLInputElement, next as string);
      return;
    }
    live[name] = next;
    return;
  }
  const attr = name === 'htmlFor' ? 'for' : name;
  if (value === null || value === undefined || value === false) {
    element.removeAttribute(attr);
    return;
  }
  const text = value === true ? '' : toText(value);
  if (clobbers(element, attr, text)) {
    if (DEV)
      warn(`the ${attr} ${JSON.stringify(text)} would hide a property of the page; not set`, path);
    element.removeAttribute(attr);
    return;
  }
  if (isUrlProp(attr) && !isSafeUrl(text, attr)) {
    if (DEV) warn(`the URL ${JSON.stringify(text.slice(0, 60))} is not allowed in "${name}"`, path);
    element.removeAttribute(attr);
    return;
  }
  try {
    element.setAttribute(attr, text);
  } catch {
    if (DEV) warn(`"${name}" is not a valid attribute name`, path);
  }
}

function setKeepingCaret(field: HTMLInputElement, value: string): void {
  let start: number | null = null;
  let end: number | null = null;
  try {
    [start, end] = [field.selectionStart, field.selectionEnd];
  } catch {
    // This kind of input has no caret.
  }
  field.value = value;
  if (start !== null && end !== null) {
    field.setSelectionRange(Math.min(start, value.length), Math.min(end, value.length));
  }
}

/** `class` from a string, a list of names, or an object of name: flag. */
function classString(value: unknown): string {
  if (Array.isArray(value)) return value.filter(Boolean).map(toText).join(' ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, on]) => on)
      .map(([cls]) => cls)
      .join(' ');
  }
  return toText(value);
}

/** `style` from a CSS string or an object of properties (camelCase allowed). */
function applyStyle(element: HTMLElement, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const css = toText(value);
    if (element.style.cssText !== css) element.style.cssText = css;
    return;
  }
  element.style.cssText = '';
  for (const [prop, v] of Object.entries(value)) {
    if (v === null || v === undefined || v === false) continue;
    const name = prop.startsWith('--')
      ? prop
      : prop.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    element.style.setProperty(name, toText(v));
  }
}
