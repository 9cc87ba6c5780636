import { Signal } from 'signal-polyfill';
import { noChange, type ChildPart } from 'lit/html.js';
import { Directive, directive } from 'lit/directive.js';
import {
  insertPart,
  removePart,
  setChildPartValue,
  setCommittedValue,
} from 'lit/directive-helpers.js';
import { evaluate } from '../expr/evaluate.js';
import { readsOf, readsOnly } from '../expr/reads.js';
import { locate } from '../program/locations.js';
import type { EachNode } from '../program/types.js';
import { warn } from '../runtime/errors.js';
import { DEV } from '../dev.js';
import { changedSince } from '../runtime/paths.js';
import { Scope, type RowEqualities } from '../runtime/scope.js';
import { caretOf } from './caret.js';
import type { ParentSpec } from './context.js';
import type { Group } from './reactor.js';
import { rowSelectors } from './selector.js';

/** An `each` node in its scope, and how to render one row's body. */
export type EachSpec = ParentSpec<EachNode>;

/**
 * One rendered row. Its item and index are signals, so when the list
 * changes, a row whose item is the same object re-runs nothing, and a row
 * whose item changed re-runs only the bindings that read it.
 */
interface Row {
  readonly key: unknown;
  readonly part: ChildPart;
  /** The row's effects; disposed when the row goes. */
  readonly group: Group;
  readonly item: Signal.State<unknown>;
  /** Only when the `each` names its index. */
  readonly index: Signal.State<number> | undefined;
  /** The item it shows (what `item` holds). */
  value: unknown;
  /** Its position in the list as last reconciled (the old one, while moving). */
  at: number;
}

/**
 * Renders a list. With `key`, rows keep their DOM nodes (and focus and
 * form state) across reorders; without it, rows are matched by position.
 */
class EachDirective extends Directive {
  #spec: EachSpec | undefined;
  /** Takes the list shown so far out: its effects, then its rows. */
  #remove: (() => void) | undefined;

  render(_spec: EachSpec): unknown {
    return noChange;
  }

  override update(part: ChildPart, [spec]: [EachSpec]): unknown {
    if (spec === this.#spec) return noChange;
    // Another list in this place (an if swapped two lists, the program
    // changed): the rows shown so far belong to the old one.
    this.#remove?.();
    this.#spec = spec;
    this.#remove = showList(part, spec);
    return noChange;
  }
}

export const each = directive(EachDirective);

/**
 * Shows the list of `spec` in `container`, and keeps it up to date. Returns
 * what takes it out again.
 */
function showList(container: ChildPart, spec: EachSpec): () => void {
  const { node, scope, ctx } = spec;
  const { reactor } = ctx;
  let rows: Row[] = [];
  /** The list the rows show: `rows[i].value` is `shown[i]`. */
  let shown: readonly unknown[] = [];
  /** The key of an item at a position (see `keyer`). */
  const key = keyer(spec);

  /** Gives a row its item, if it is a new one. */
  const give = (row: Row, item: unknown) => {
    if (Object.is(row.value, item)) return;
    row.value = item;
    row.item.set(item);
    reactor.refresh(row.group);
  };

  /**
   * Takes a row out: its effects, then its nodes. lit-html 3.3.1 to 3.3.3's
   * `removePart` leaves the part's end marker behind (lit/lit#5298), one
   * comment per removed row, forever; this removes it too (a no-op once lit
   * does so itself).
   */
  const removeRow = (row: Row) => {
    reactor.dispose(row.group);
    removePart(row.part);
    (row.part.endNode as ChildNode | null)?.remove();
  };

  /**
   * The common update: as many items, each new object keyed as the row it
   * replaces (a field of some rows changed). Only the changed rows are told;
   * nothing is keyed again, moved or compared beyond an identity check.
   */
  const updateInPlace = (items: readonly unknown[]): boolean => {
    if (items.length !== rows.length || items.length === 0) return false;
    // Outside this range every item is the one shown (paths.ts).
    const [start, end] = changedSince(items, shown);
    const changed: number[] = [];
    for (let i = start; i < end; i++) {
      if (Object.is(items[i], rows[i].value)) continue;
      if (!Object.is(key(items[i], i), rows[i].key)) return false;
      changed.push(i);
    }
    for (const i of changed) give(rows[i], items[i]);
    shown = items;
    return true;
  };

  const reconcile = (items: readonly unknown[]) => {
    if (updateInPlace(items)) return;
    const keys = items.map(key);
    if (DEV && node.key !== undefined && new Set(keys).size < keys.length) {
      warn('each: several items share one key; each still gets its own row', locate(node));
    }

    // Rows are queued by key so that duplicate keys claim distinct rows in
    // order: every item gets its own row and no row is shown twice.
    const byKey = new Map<unknown, Row[]>();
    for (const row of rows) {
      const queue = byKey.get(row.key);
      if (queue === undefined) byKey.set(row.key, [row]);
      else queue.push(row);
    }
    const next = keys.map((rowKey, i) => {
      const row = byKey.get(rowKey)?.shift();
      if (row !== undefined) {
        give(row, items[i]);
        row.index?.set(i);
      }
      return row;
    });
    for (const queue of byKey.values()) {
      for (const row of queue) removeRow(row);
    }

    // Rows on the longest run that kept its relative order stay where they
    // are; every other row is moved or created in place, back to front.
    const stay = stableRows(next);
    let restoreFocus: (() => void) | undefined;
    let ref: ChildPart | undefined;
    for (let i = items.length - 1; i >= 0; i--) {
      let row = next[i];
      if (row === undefined) {
        const part = insertPart(container, ref);
        const item = new Signal.State<unknown>(items[i]);
        const names: [string, unknown][] = [[node.as, item]];
        let index: Signal.State<number> | undefined;
        if (node.index !== undefined) names.push([node.index, (index = new Signal.State(i))]);
        // The row's bindings share one group: one watcher, disposed together;
        // those that read only the item are recomputed when it changes.
        const group = reactor.group(
          () => setChildPartValue(part, spec.render(node.body, new Scope(scope, names, selectors))),
          listGroup,
          node.as,
        );
        row = next[i] = { key: keys[i], part, group, item, index, value: items[i], at: i };
      } else if (!stay.has(row)) {
        restoreFocus ??= captureFocus(container);
        insertPart(container, ref, row.part);
      }
      row.at = i;
      ref = row.part;
    }
    restoreFocus?.();
    rows = next as Row[];
    shown = items;
    setCommittedValue(
      container,
      rows.map((row) => row.part),
    );
  };

  /**
   * The list's own group: its effect, its selectors and its rows' groups,
   * all disposed together when another list takes this place.
   */
  let listGroup!: Group;
  /** How rows compare themselves with a shared value (selector.ts). */
  let selectors!: RowEqualities;
  reactor.group(() => {
    // The group being made: the first rows are made in it right below.
    listGroup = reactor.owner;
    selectors = rowSelectors(spec, listGroup);
    reactor.effect(
      () => evaluate(node.items, scope, ctx),
      (items) => reconcile(toList(items, node)),
      readsOf(node.items),
    );
  });

  return () => {
    reactor.dispose(listGroup);
    for (const row of rows) removeRow(row);
  };
}

/**
 * How a list keys an item: by the `key` expression, or by its position.
 * When the key depends on the item alone, the key of each item object is
 * kept, so that an unchanged item is not keyed again.
 */
function keyer({ node, scope, ctx }: EachSpec): (item: unknown, index: number) => unknown {
  const keyExpr = node.key;
  if (keyExpr === undefined) return (_, i) => i;
  const itemScope = new Scope(scope);
  const cache = readsOnly(keyExpr, node.as) ? new WeakMap<object, unknown>() : undefined;
  return (item, i) => {
    const cacheable = cache !== undefined && typeof item === 'object' && item !== null;
    if (cacheable && cache.has(item)) return cache.get(item);
    itemScope.set(node.as, item);
    if (node.index !== undefined) itemScope.set(node.index, i);
    try {
      const key = Signal.subtle.untrack(() => evaluate(keyExpr, itemScope, ctx));
      if (cacheable) cache.set(item, key);
      return key;
    } catch (error) {
      // A key that cannot be computed is reported; the row is keyed by
      // its position instead, so it still renders.
      ctx.report(error, locate(keyExpr));
      return i;
    }
  };
}

function toList(value: unknown, node: EachNode): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && value !== undefined) {
    if (DEV) warn('each: "items" is not a list, so nothing is rendered', locate(node));
  }
  return [];
}

/**
 * The reused rows that can stay in place: those on a longest increasing
 * run of their old positions, taken in their new order.
 */
function stableRows(next: readonly (Row | undefined)[]): Set<Row> {
  // Patience sorting: tails[k] is the row that ends, at the smallest old
  // position, an increasing run of length k + 1; `previous` links each row
  // to the one before it on its run.
  const tails: Row[] = [];
  const previous = new Map<Row, Row | undefined>();
  for (const row of next) {
    if (row === undefined) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid].at < row.at) lo = mid + 1;
      else hi = mid;
    }
    previous.set(row, tails[lo - 1]);
    tails[lo] = row;
  }
  const stay = new Set<Row>();
  for (let row: Row | undefined = tails[tails.length - 1]; row !== undefined;) {
    stay.add(row);
    row = previous.get(row);
  }
  return stay;
}

/**
 * Moving a node out of the document and back blurs it. Remembers what has
 * focus (and its caret), and gives back a function that gives it back after
 * the rows moved.
 */
function captureFocus(container: ChildPart): (() => void) | undefined {
  const root = container.parentNode?.getRootNode() as Document | ShadowRoot | undefined;
  const active = root?.activeElement as HTMLElement | null | undefined;
  if (active === null || active === undefined) return undefined;
  const field = active as HTMLInputElement;
  const caret = caretOf(field);
  return () => {
    if (!active.isConnected || root!.activeElement === active) return;
    active.focus({ preventScroll: true });
    if (caret !== undefined) field.setSelectionRange(...caret);
  };
}
