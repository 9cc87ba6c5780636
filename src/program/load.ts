/**
 * Where a program comes from: the `program` property, a `src` URL, or an
 * inline `<script type="application/json">` child. Each failure has its
 * own clear message.
 */
import { ConstelaError } from '../runtime/errors.js';

/** How long a `src` may take to answer before loading gives up, by default. */
export const LOAD_TIMEOUT_MS = 10_000;

/**
 * Fetches and parses the program at `src`. Aborting `loading` cancels the
 * request; so does the timeout, which aborts `loading` too.
 */
export async function fetchProgram(
  src: string,
  loading: AbortController,
  timeoutMs = LOAD_TIMEOUT_MS,
): Promise<unknown> {
  const failure = (reason: string) => new ConstelaError('load', `could not load ${src}: ${reason}`);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    loading.abort();
  }, timeoutMs);
  let text: string;
  try {
    // A relative URL is resolved against the document's base URL.
    const response = await fetch(src, { signal: loading.signal });
    if (!response.ok) throw failure(`the server answered ${response.status}`);
    text = await response.text();
  } catch (error) {
    if (error instanceof ConstelaError) throw error;
    throw failure(timedOut ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
  return parseProgram(text, src);
}

/** Parses program text, naming the line and column of a syntax error. */
export function parseProgram(text: string, source: string): unknown {
  if (text.trim() === '') {
    throw new ConstelaError('parse', `${source} is empty: expected a JSON program`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // An offset ("in JSON at position 12") becomes a line and a column,
    // which an editor can go to.
    const reason = (error as Error).message.replace(
      /\s*(in JSON )?at position (\d+).*$/,
      (_match, _inJson, offset: string) => {
        const lines = text.slice(0, Number(offset)).split('\n');
        return ` at line ${lines.length}, column ${lines[lines.length - 1].length + 1}`;
      },
    );
    throw new ConstelaError('parse', `${source} is not valid JSON: ${reason}`);
  }
}
