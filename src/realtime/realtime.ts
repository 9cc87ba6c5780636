/**
 * The realtime state of one app: SSE connections by name, bindings by
 * connection name, and pending optimistic updates. Everything here belongs
 * to the element: `stop` closes every stream and stops every timer.
 */
import type { Resources } from '../steps/context.js';
import type { Binding } from './binding.js';
import { optimisticUpdates, type Optimistic } from './optimistic.js';
import type { SseConnection } from './sse-connection.js';

export class Realtime {
  readonly optimistic: Optimistic;
  readonly #connections = new Map<string, SseConnection>();
  readonly #bindings = new Map<string, Binding[]>();

  constructor(resources: Resources) {
    this.optimistic = optimisticUpdates(resources);
  }

  /**
   * Registers `connection` under `name`, closing any it replaces: a
   * connection that is not closed is the live one for its name.
   */
  open(name: string, connection: SseConnection): void {
    this.close(name);
    this.#connections.set(name, connection);
  }

  close(name: string): void {
    this.#connections.get(name)?.close();
    this.#connections.delete(name);
  }

  /** Adds a binding; running the same bind step again replaces it. */
  bind(name: string, binding: Binding): void {
    this.#keep(name, (b) => b.step !== binding.step).push(binding);
  }

  /** Removes the bindings of `name` to `target`, or all of them. */
  unbind(name: string, target?: string): void {
    this.#keep(name, (b) => target !== undefined && b.step.target !== target);
  }

  /**
   * Keeps the bindings of `name` that pass `test`, in a new list (a
   * message being bound goes on with the list it started with).
   */
  #keep(name: string, test: (binding: Binding) => boolean): Binding[] {
    const list = this.bindingsOf(name).filter(test);
    this.#bindings.set(name, list);
    return list;
  }

  bindingsOf(name: string): readonly Binding[] {
    return this.#bindings.get(name) ?? [];
  }

  /** How many streams are open, for leak checks. */
  get openConnections(): number {
    return this.#connections.size;
  }

  /** Closes every connection and forgets every binding. */
  stop(): void {
    for (const name of this.#connections.keys()) this.close(name);
    this.#bindings.clear();
  }
}
