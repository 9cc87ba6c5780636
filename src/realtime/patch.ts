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
import { isForbiddenKey } from '../runtime/paths.js';

export class PatchError extends Error {}

/** Returns the patched copy of `document`, or throws a PatchError. */
export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new PatchError('a JSON Patch must be a list of operations');
  // Every pointer is checked, and split once, before anything is applied.
  const pointers = patch.map(checkOperation);
  const fresh = new Set<object>();
  let doc = document;
  patch.forEach((op: Operation, index) => {
    const { path, from } = pointers[index];
    checkIndexes(doc, path, index);
    if (from !== undefined) checkIndexes(doc, from, index);
    doc = copyAlong(doc, path, fresh);
    if (op.op === 'move') doc = copyAlong(doc, from!, fresh);
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
  const pointers: Pointers = { path: checkPointer(path, 'path', index) };
  if (name === 'move' || name === 'copy') pointers.from = checkPointer(from, 'from', index);
  return pointers;
}

function checkPointer(pointer: unknown, field: string, index: number): string[] {
  if (typeof pointer !== 'string') {
    throw new PatchError(`operation ${index} needs "${field}" as a JSON Pointer string`);
  }
  const path = tokens(pointer);
  if (path.some(isForbiddenKey)) {
    throw new PatchError(`operation ${index} uses a forbidden path: ${pointer}`);
  }
  return path;
}

/**
 * Refuses a list index that RFC 6901 does not allow (`/01`, `/+1`), which
 * fast-json-patch would read as a number.
 */
function checkIndexes(doc: unknown, path: string[], index: number): void {
  let current = doc;
  for (const token of path) {
    if (Array.isArray(current)) {
      if (token !== '-' && !/^(0|[1-9]\d*)$/.test(token)) {
        throw new PatchError(`operation ${index}: "${token}" is not a valid list index`);
      }
      current = current[Number(token)];
    } else if (current !== null && typeof current === 'object') {
      current = (current as Record<string, unknown>)[token];
    } else {
      return;
    }
  }
}

/** The unescaped reference tokens of a JSON Pointer. */
function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  const raw = pointer.slice(1).split('/');
  if (!pointer.includes('~')) return raw;
  return raw.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Copies `root` and every container on the way to the parent of the last
 * token, unless already copied during this patch.
 */
function copyAlong(root: unknown, path: string[], fresh: Set<object>): unknown {
  const top = copy(root, fresh);
  let current = top;
  for (let i = 0; i < path.length - 1; i++) {
    if (current === null || typeof current !== 'object') break;
    const container = current as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(container, path[i])) break;
    const child = copy(container[path[i]], fresh);
    container[path[i]] = child;
    current = child;
  }
  return top;
}

function copy(value: unknown, fresh: Set<object>): unknown {
  if (value === null || typeof value !== 'object' || fresh.has(value)) return value;
  const clone = Array.isArray(value) ? value.slice() : { ...value };
  fresh.add(clone);
  return clone;
}
