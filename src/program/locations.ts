/**
 * Where each node of a program sits, as a JSON Pointer.
 *
 * The checker records every expression, step and view node it walks, so
 * the runtime can name the place of a problem without carrying paths
 * through every evaluation.
 */
export const locations = new WeakMap<object, string>();

export function locate(node: object): string | undefined {
  return locations.get(node);
}
