import { nothing, noChange, type ChildPart } from 'lit/html.js';
import { Directive, directive } from 'lit/directive.js';
import { insertPart, setChildPartValue } from 'lit/directive-helpers.js';
import type { Reads } from '../expr/reads.js';
import type { Group, Reactor } from './reactor.js';

/** A text bound to signals: what to compute, and with which reactor. */
export interface TextSpec {
  readonly reactor: Reactor;
  /** What the expression behind `compute` reads. */
  readonly reads: Reads;
  compute(): string;
}

/**
 * A text node that shows a computed text. Its effect belongs to the group
 * current when it is made (the row, the branch), which disposes it with
 * the DOM.
 */
class TextDirective extends Directive {
  #spec: TextSpec | undefined;
  #node: Text | undefined;
  #stop: (() => void) | undefined;

  render(_spec: TextSpec): unknown {
    return noChange;
  }

  override update(_part: ChildPart, [spec]: [TextSpec]): unknown {
    // The same node every time: lit leaves a node it already shows alone.
    const node = (this.#node ??= document.createTextNode(''));
    if (spec === this.#spec) return node;
    this.#spec = spec;
    this.#stop?.();
    this.#stop = spec.reactor.effect(
      spec.compute,
      (computed: string | undefined) => {
        // undefined: the expression failed (reported); show nothing.
        const text = computed ?? '';
        if (node.data !== text) node.data = text;
      },
      spec.reads,
    );
    return node;
  }
}

export const text = directive(TextDirective);

/** A part that shows one of two contents, and when. */
export interface BranchSpec {
  readonly reactor: Reactor;
  /** What the expression behind `condition` reads. */
  readonly reads: Reads;
  condition(): boolean;
  /** The content for a condition; made afresh each time it is shown. */
  content(shown: boolean): unknown;
}

/**
 * Shows the content for the current condition. Each time the condition
 * flips, the content shown so far is disposed with its group, and the new
 * one is rendered in a group of its own.
 */
class BranchDirective extends Directive {
  #spec: BranchSpec | undefined;
  #inner: ChildPart | undefined;
  #shown: Group | undefined;
  #stop: (() => void) | undefined;

  render(_spec: BranchSpec): unknown {
    return noChange;
  }

  override update(part: ChildPart, [spec]: [BranchSpec]): unknown {
    if (spec === this.#spec) return noChange;
    this.#spec = spec;
    this.#stop?.();
    const { reactor } = spec;
    const owner = reactor.owner;
    // Content goes into a part of our own inside this one, as lit's
    // `cache` and `repeat` do, so that it can change at any time.
    const inner = (this.#inner ??= insertPart(part));
    this.#stop = reactor.effect(
      spec.condition,
      (shown) => {
        if (this.#shown !== undefined) reactor.disposeGroup(this.#shown);
        this.#shown = reactor.group(
          () => setChildPartValue(inner, spec.content(shown) ?? nothing),
          owner,
        );
      },
      spec.reads,
    );
    return noChange;
  }
}

export const branch = directive(BranchDirective);
