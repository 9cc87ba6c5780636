import { noChange, type ElementPart } from 'lit/html.js';
import { Directive, directive } from 'lit/directive.js';
import { evaluate, toText } from '../expr/evaluate.js';
import { readsOf } from '../expr/reads.js';
import { locate } from '../program/locations.js';
import { isEventHandler, isExpr } from '../program/guards.js';
import type { ElementNode, TextNode } from '../program/types.js';
import { warn } from '../runtime/errors.js';
import type { Scope } from '../runtime/scope.js';
import { caretOf } from './caret.js';
import type { ViewContext } from './context.js';
import { isBlockedProp, isSafeAttribute } from './safety.js';
import { DEV } from '../dev.js';

/**
 * One prop of an element node (or the text of a raw-text element), sorted
 * once when the node's template is compiled: what to do to each element
 * made from the node, in its scope. What needs undoing later (an effect, a
 * listener) is added to `undo`.
 */
export type PlannedProp = (
  element: Element,
  scope: Scope,
  ctx: ViewContext,
  undo: (() => void)[],
) => void;

/** The props of one rendered element, in its scope. */
export interface PropsSpec {
  /** What `planProps` made of the element's node. */
  readonly plan: readonly PlannedProp[];
  readonly scope: Scope;
  readonly ctx: ViewContext;
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
  /** Undoes what the plan did: effects stopped, listeners removed. */
  #undo: (() => void)[] = [];

  render(_spec: PropsSpec): unknown {
    return noChange;
  }

  override update(part: ElementPart, [spec]: [PropsSpec]): unknown {
    if (spec === this.#spec) return noChange;
    this.#spec = spec;
    for (const undo of this.#undo) undo();
    this.#undo = [];
    for (const apply of spec.plan) apply(part.element, spec.scope, spec.ctx, this.#undo);
    return noChange;
  }
}

export const props = directive(PropsDirective);

/**
 * The plan for the props of `node` and the text children of a raw-text
 * element (`textarea`, `title`, `style`): handlers become listeners,
 * values that never change (plain values and `lit` expressions) are
 * applied once, with no effect, and bound expressions become effects.
 * Blocked props are warned about once and left out.
 */
export function planProps(node: ElementNode, text: readonly TextNode[] = []): PlannedProp[] {
  const plan: PlannedProp[] = [];
  for (const [name, value] of Object.entries(node.props ?? {})) {
    if (isEventHandler(value)) {
      plan.push((element, scope, ctx, undo) => {
        const listener = (event: Event) => {
          // An element out of the document belongs to DOM that left the app.
          if (element.isConnected) ctx.handleEvent(value, scope, event);
        };
        element.addEventListener(value.event, listener);
        undo.push(() => element.removeEventListener(value.event, listener));
      });
    } else if (isBlockedProp(name)) {
      if (DEV) warn(`the prop "${name}" is not allowed and was not set`, locate(node));
    } else {
      const path = DEV && isExpr(value) ? locate(value) : undefined;
      if (isExpr(value) && value.expr !== 'lit') {
        const reads = readsOf(value);
        plan.push((element, scope, ctx, undo) =>
          undo.push(
            ctx.reactor.effect(
              () => evaluate(value, scope, ctx),
              (v) => applyProp(element, name, v, path),
              reads,
            ),
          ),
        );
      } else {
        // A plain value or a `lit` expression never changes: set once, with no effect.
        const fixed: unknown = isExpr(value) ? value.value : value;
        plan.push((element) => applyProp(element, name, fixed, path));
      }
    }
  }
  if (text.length > 0) {
    plan.push((element, scope, ctx, undo) =>
      undo.push(
        ctx.reactor.effect(
          () => text.map((child) => toText(evaluate(child.value, scope, ctx))).join(''),
          (content) => setTextContent(element, content),
        ),
      ),
    );
  }
  return plan;
}

function setTextContent(element: Element, content: string): void {
  if (element instanceof HTMLTextAreaElement) {
    if (element.value !== content) element.value = content;
  } else if (element.textContent !== content) {
    element.textContent = content;
  }
}

/** Whether a value means "no such attribute or style property". */
const isUnset = (value: unknown) => value === null || value === undefined || value === false;

/** Sets one prop on an element from a program value; `path` locates the value. */
function applyProp(element: Element, name: string, value: unknown, path?: string): void {
  if (name === 'className' || name === 'class') {
    const cls = classString(value);
    if (element.getAttribute('class') !== cls) element.setAttribute('class', cls);
  } else if (name === 'style') {
    applyStyle(element as HTMLElement, value);
  } else if (LIVE.has(name)) {
    // Compare first: rewriting an equal value would move the caret.
    const live = element as unknown as Record<string, unknown>;
    const next = name === 'value' ? toText(value) : Boolean(value);
    if (live[name] === next) return;
    if (name === 'value' && element === (element.getRootNode() as Document).activeElement) {
      // The user is typing and a handler rewrote the value (upper-cased it,
      // say): keep the caret where it was rather than at the end.
      setKeepingCaret(element as HTMLInputElement, next as string);
    } else {
      live[name] = next;
    }
  } else {
    // Any other prop is an attribute, unless unset or refused.
    const attr = name === 'htmlFor' ? 'for' : name;
    const text = value === true ? '' : toText(value);
    if (isUnset(value) || !isSafeAttribute(element, attr, text, path)) {
      element.removeAttribute(attr);
      return;
    }
    try {
      element.setAttribute(attr, text);
    } catch {
      if (DEV) warn(`"${name}" is not a valid attribute name`, path);
    }
  }
}

function setKeepingCaret(field: HTMLInputElement, value: string): void {
  const caret = caretOf(field);
  field.value = value;
  // The browser clamps the range to the new value's length.
  if (caret !== undefined) field.setSelectionRange(caret[0], caret[1]);
}

/** `class` from a string, a list of names, or an object of name: flag. */
function classString(value: unknown): string {
  if (Array.isArray(value)) return value.filter(Boolean).map(toText).join(' ');
  if (value !== null && typeof value === 'object') {
    return Object.keys(value)
      .filter((cls) => (value as Record<string, unknown>)[cls])
      .join(' ');
  }
  return toText(value);
}

/** `style` from a CSS string or an object of properties (camelCase allowed). */
function applyStyle(element: HTMLElement, value: unknown): void {
  const style = element.style;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const css = toText(value);
    if (style.cssText !== css) style.cssText = css;
    return;
  }
  style.cssText = '';
  for (const [prop, v] of Object.entries(value)) {
    if (isUnset(v)) continue;
    const name = prop.startsWith('--')
      ? prop
      : prop.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    style.setProperty(name, toText(v));
  }
}
