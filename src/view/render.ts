/**
 * Turns view nodes into lit templates.
 *
 * An element node and every element nested directly inside it become one
 * template, compiled once per node and cached, so a row of a list is one
 * clone of a prepared `<template>`, as in hand-written lit. What changes
 * is left as holes: an element-part hole per element for its props, and a
 * child-part hole for each text, `if` and `each` node.
 */
import { html, nothing, svg, type TemplateResult } from 'lit/html.js';
import { toText } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type { ElementNode, TextNode, ViewNode } from '../program/types.js';
import { unreachable, warn } from '../runtime/errors.js';
import type { Scope } from '../runtime/scope.js';
import { boundText, branch } from './bind.js';
import type { ViewContext } from './context.js';
import { each } from './each.js';
import { planProps, props } from './props.js';
import { isAllowedTag } from './safety.js';
import { DEV } from '../dev.js';

type Namespace = 'html' | 'svg';

/** Fills one hole of a compiled template, for an element made in `scope`. */
type Hole = (scope: Scope, ctx: ViewContext) => unknown;

/** Makes the template result of a compiled element node in `scope`. */
type Compiled = (scope: Scope, ctx: ViewContext) => TemplateResult;

const VOID = new Set([
  'area',
  'br',
  'col',
  'hr',
  'img',
  'input',
  'param',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT = new Set(['textarea', 'title', 'style', 'xmp']);

const cache = new WeakMap<ElementNode, Compiled>();

/** Renders `node` in `scope` as a value for a lit child part. */
export function renderNode(
  node: ViewNode,
  scope: Scope,
  ctx: ViewContext,
  ns: Namespace = 'html',
): unknown {
  switch (node.kind) {
    case 'element':
      return renderElement(node, scope, ctx, ns);
    case 'text':
      if (node.value.expr === 'lit') return toText(node.value.value);
      return boundText({ node, scope, ctx });
    case 'if':
      return branch({ node, scope, ctx, render: renderIn(ctx, ns) });
    case 'each':
      return each({ node, scope, ctx, render: renderIn(ctx, ns) });
    default:
      return unreachable(node);
  }
}

/** Renders the child nodes of an `if` or `each`, in the scope they are given. */
const renderIn =
  (ctx: ViewContext, ns: Namespace) =>
  (child: ViewNode, scope: Scope): unknown =>
    renderNode(child, scope, ctx, ns);

function renderElement(node: ElementNode, scope: Scope, ctx: ViewContext, ns: Namespace): unknown {
  let compiled = cache.get(node);
  if (compiled === undefined) {
    // Checked once, before the node's first template: a tag never changes.
    if (!isAllowedTag(node.tag)) {
      if (DEV) warn(`the element <${node.tag}> is not allowed and was not rendered`, locate(node));
      return nothing;
    }
    cache.set(node, (compiled = compile(node, ns)));
  }
  return compiled(scope, ctx);
}

/**
 * Builds the template of `root` (its strings, and what fills each hole) and
 * returns what makes its result in a scope. Only tag names that passed
 * `isAllowedTag` enter the strings; every program value goes through a
 * hole, so nothing a program says is ever parsed as markup.
 */
function compile(root: ElementNode, rootNs: Namespace): Compiled {
  const strings: string[] = [];
  const holes: Hole[] = [];
  let current = '';
  const hole = (fill: Hole) => {
    strings.push(current);
    current = '';
    holes.push(fill);
  };

  const visit = (node: ElementNode, ns: Namespace) => {
    const tag = node.tag;
    const lower = tag.toLowerCase();
    const childNs: Namespace = lower === 'svg' ? 'svg' : ns;
    const raw = RAW_TEXT.has(lower);
    const children = node.children ?? [];
    current += `<${tag}`;
    const plan = planProps(
      node,
      raw ? children.filter((c): c is TextNode => c.kind === 'text') : undefined,
    );
    if (plan.length > 0) {
      current += ' ';
      hole((scope, ctx) => props({ plan, scope, ctx }));
    }
    current += '>';
    if (VOID.has(lower) && ns === 'html') return;
    if (!raw) {
      for (const child of children) {
        if (child.kind === 'element' && isAllowedTag(child.tag)) {
          visit(child, childNs);
        } else {
          hole((scope, ctx) => renderNode(child, scope, ctx, childNs));
        }
      }
    }
    current += `</${tag}>`;
  };

  visit(root, rootNs);
  strings.push(current);
  // lit accepts only arrays that look like tagged-template strings; this is
  // how `lit/static-html.js` builds its own, from the same kind of checked
  // names.
  const tsa = Object.freeze(Object.assign(strings, { raw: strings.slice() }));
  const tag = rootNs === 'svg' ? svg : html;
  return (scope, ctx) =>
    tag(tsa as unknown as TemplateStringsArray, ...holes.map((fill) => fill(scope, ctx)));
}
