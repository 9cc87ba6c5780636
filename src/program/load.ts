/**
 * Where a program comes from: the `program` property, a `src` URL, or an
 * inline `<script type="application/json">` child. Each failure has its
 * own clear message.
 */
import { ConstelaError } from '../runtime/errors.js';

/** How long a `src` may take to answer before loading gives up, by default. */
export const LOAD_TIMEOUT_MS = 10_000;

export async function fetchProgram(
  src: string,
  signal: AbortSignal,
  timeoutMs = LOAD_TIMEOUT_MS,
): Promise<unknown> {
  const url = new URL(src, document.baseURI).href;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const abort = () => timeout.abort();
  signal.addEventListener('abort', abort);
  let text: string;
  try {
    const response = await fetch(url, { signal: timeout.signal });
    if (!response.ok) {
      throw new ConstelaError(
        'load',
        `could not load ${src}: the server answered ${response.status}`,
      );
    }
    text = await response.text();
  } catch (error) {
    if (error instanceof ConstelaError) throw error;
    if (timeout.signal.aborted && !signal.aborted) {
      throw new ConstelaError(
        'load',
        `could not load ${src}: no answer within ${timeoutMs / 1000} s`,
      );
    }
    throw new ConstelaError('load', `could not load ${src}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
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
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    if (at === null) throw new ConstelaError('parse', `${source} is not valid JSON: ${message}`);
    const position = Number(at[1]);
    const before = text.slice(0, position).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    const reason = message.replace(/\s*(in JSON )?at position \d+.*$/, '');
    throw new ConstelaError(
      'parse',
      `${source} is not valid JSON: ${reason} at line ${line}, column ${column}`,
    );
  }
}
