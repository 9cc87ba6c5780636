import { nothing, noChange, type ChildPart } from 'lit/html.js';
import { Directive, directive } from 'lit/directive.js';
import { insertPart, setChildPartValue } from 'lit/directive-helpers.js';
import { evaluate, toText } from '../expr/evaluate.js';
import { readsOf } from '../expr/reads.js';
import type { IfNode, TextNode } from '../program/types.js';
import type { NodeSpec, ParentSpec } from './context.js';
import type { Group } from './reactor.js';

/**
 * A text node that shows the text of `node` in `scope`, kept up to date by
 * an effect. The effect belongs to the group current when it is made (the
 * row, the branch), which disposes it with the DOM.
 */
export function boundText({ node: { value }, scope, ctx }: NodeSpec<TextNode>): Text {
  const text = document.createTextNode('');
  ctx.reactor.effect(
    () => toText(evaluate(value, scope, ctx)),
    (computed: string | undefined) => {
      // undefined: the expression failed (reported); show nothing.
      const shown = computed ?? '';
      if (text.data !== shown) text.data = shown;
    },
    readsOf(value),
  );
  return text;
}

/**
 * Shows the branch of an `if` for the current condition. Each time the
 * condition flips, the branch shown so far is disposed with its group, and
 * the other one is rendered afresh in a group of its own.
 */
class BranchDirective extends Directive {
  #spec: ParentSpec<IfNode> | undefined;
  #inner: ChildPart | undefined;
  #shown: Group | undefined;
  #stop: (() => void) | undefined;

  render(_spec: ParentSpec<IfNode>): unknown {
    return noChange;
  }

  override update(part: ChildPart, [spec]: [ParentSpec<IfNode>]): unknown {
    if (spec === this.#spec) return noChange;
    this.#spec = spec;
    this.#stop?.();
    const { node, scope, ctx } = spec;
    const { reactor } = ctx;
    const owner = reactor.owner;
    // Content goes into a part of our own inside this one, as lit's
    // `cache` and `repeat` do, so that it can change at any time.
    const inner = (this.#inner ??= insertPart(part));
    this.#stop = reactor.effect(
      () => Boolean(evaluate(node.condition, scope, ctx)),
      (shown) => {
        if (this.#shown !== undefined) reactor.dispose(this.#shown);
        const child = shown ? node.then : node.else;
        this.#shown = reactor.group(
          () => setChildPartValue(inner, child === undefined ? nothing : spec.render(child, scope)),
          owner,
        );
      },
      readsOf(node.condition),
    );
    return noChange;
  }
}

export const branch = directive(BranchDirective);
