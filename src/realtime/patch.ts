/**
 * RFC 6902 JSON Patch, applied with fast-json-patch, atomically and without
 * mutating the document it is given.
 *
 * Before each operation the containers along its path are copied (once per
 * patch), so fast-json-patch mutates only fresh objects: the previous state
 * stays intact, unchanged parts are shared, and a failing operation leaves
 * nothing behind. Paths through `__proto__`, `constructor` or `prototype`
 * are refused before anything is applied.
 */
import { applyOperation, JsonPatchError, type Operation } from 'fast-json-patch/module/core.mjs';
import { unescapePathComponent } from 'fast-json-patch/module/helpers.mjs';
import { isForbiddenKey } from '../runtime/paths.js';

export class PatchError extends Error {}

/** Returns the patched copy of `document`, or throws a PatchError. */
export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new PatchError('a JSON Patch must be a list of operations');
  // Every pointer is checked, and split, before anything is applied.
  const pointers = patch.map(checkOperation);
  /** The containers copied during this patch, which may be mutated. */
  const fresh = new Set<object>();
  const copy = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object' || fresh.has(value)) return value;
    const clone = Array.isArray(value) ? value.slice() : { ...value };
    fresh.add(clone);
    return clone;
  };

  let doc = document;
  patch.forEach((op: Operation, index) => {
    /**
     * Walks `path` from the root, refusing a list index that RFC 6901 does
     * not allow (`/01`, `/+1`), which fast-json-patch would read as a
     * number. With `copying`, copies the root and every container on the
     * way to the parent of the last token, so that fast-json-patch mutates
     * only fresh objects.
     */
    const walk = (path: string[], copying: boolean) => {
      if (copying) doc = copy(doc);
      let current = doc;
      for (let i = 0; i < path.length; i++) {
        const token = path[i];
        if (Array.isArray(current) && !/^(0|[1-9]\d*|-)$/.test(token)) {
          throw new PatchError(`operation ${index}: "${token}" is not a valid list index`);
        }
        if (current === null || typeof current !== 'object' || !Object.hasOwn(current, token)) {
          break;
        }
        const container = current as Record<string, unknown>;
        current = container[token];
        if (copying && i < path.length - 1) container[token] = current = copy(current);
      }
    };

    const { path, from } = pointers[index];
    walk(path, true);
    // `move` changes its `from`; `copy` only reads it (and clones the value).
    if (from !== undefined) walk(from, op.op === 'move');
    try {
      doc = applyOperation(doc, op, true, true, true).newDocument;
    } catch (error) {
      // fast-json-patch explains what it checked (JsonPatchError); any other
      // error comes from walking a path that does not fit the document.
      const reason =
        error instanceof JsonPatchError
          ? error.message.split('\n')[0]
          : 'the path does not fit the document';
      throw new PatchError(`operation ${index} (${op.op} ${op.path}) failed: ${reason}`);
    }
  });
  return doc;
}

/** The tokens of an operation's `path` (and `from`, for move and copy). */
interface Pointers {
  path: string[];
  from?: string[];
}

function checkOperation(op: unknown, index: number): Pointers {
  if (op === null || typeof op !== 'object') {
    throw new PatchError(`operation ${index} is not an object`);
  }
  const { op: name, path, from } = op as { op?: unknown; path?: unknown; from?: unknown };
  return {
    path: checkPointer(path, 'path', index),
    from: name === 'move' || name === 'copy' ? checkPointer(from, 'from', index) : undefined,
  };
}

/** The unescaped reference tokens of a JSON Pointer, none of them forbidden. */
function checkPointer(pointer: unknown, field: string, index: number): string[] {
  if (typeof pointer !== 'string') {
    throw new PatchError(`operation ${index} needs "${field}" as a JSON Pointer string`);
  }
  const path = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePathComponent);
  if (path.some(isForbiddenKey)) {
    throw new PatchError(`operation ${index} uses a forbidden path: ${pointer}`);
  }
  return path;
}
