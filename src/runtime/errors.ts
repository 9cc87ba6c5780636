/**
 * One error type for everything the runtime reports, with a closed set of
 * codes, and one warning helper.
 *
 * `path` is a JSON Pointer into the program (`/actions/0/steps/1`), so a
 * reader can find the place the problem comes from.
 */

export type ErrorCode =
  | 'load' // the program could not be fetched or read
  | 'parse' // the program is not JSON
  | 'invalid' // the program is JSON but not a valid program
  | 'step' // a step failed while an action ran
  | 'expression' // an expression failed while it was evaluated
  | 'render' // a view node failed to render
  | 'server'; // a server sent something that could not be used

/** A message with the place it comes from: `message (at /json/pointer)`. */
function located(message: string, path: string | undefined): string {
  return path === undefined ? message : `${message} (at ${path})`;
}

export class ConstelaError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** The message without the location suffix. */
    readonly detail: string,
    readonly path?: string,
  ) {
    super(located(detail, path));
    this.name = 'ConstelaError';
  }
}

/** Wraps anything thrown into a ConstelaError, keeping the first path. */
export function toConstelaError(thrown: unknown, code: ErrorCode, path?: string): ConstelaError {
  if (thrown instanceof ConstelaError) return thrown;
  return new ConstelaError(code, thrown instanceof Error ? thrown.message : String(thrown), path);
}

/** Appends a reference token to a JSON Pointer, escaping `~` and `/`. */
export function pointer(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

const warned = new Set<string>();

/**
 * Prints a developer warning once per distinct message and path.
 * Set `globalThis.CONSTELA_SILENT = true` to silence warnings.
 */
export function warn(message: string, path?: string): void {
  // Only `true`: an element with id="CONSTELA_SILENT" is a property of
  // window too, and must not silence anything.
  if ((globalThis as { CONSTELA_SILENT?: unknown }).CONSTELA_SILENT === true) return;
  const text = located(message, path);
  if (warned.has(text)) return;
  warned.add(text);
  console.warn(`[constela] ${text}`);
}

/** The default of an exhaustive switch: a kind the types say cannot occur. */
export function unreachable(value: never): never {
  throw new ConstelaError('invalid', `unknown node ${JSON.stringify(value)}`);
}
