/**
 * `fetch`: a 2xx response runs `onSuccess` with `result` (JSON when the
 * response says JSON, else text); anything else (non-2xx, network failure,
 * abort) runs `onError` with `error = { message, status? }`.
 */
import { evaluate, toText } from '../expr/evaluate.js';
import type { FetchStep } from '../program/types.js';
import type { Scope } from '../runtime/scope.js';
import { setResult, type StepContext } from './context.js';
import { requestParts } from './request.js';

/** The name the callback gets: `result` (run `onSuccess`) or `error` (run `onError`). */
export type FetchOutcome =
  readonly ['result', unknown] | readonly ['error', { message: string; status?: number }];

/**
 * Sends the request; on success, stores `result` (see `setResult`).
 * Resolves to undefined, so that no callback runs, when the request was
 * aborted because the app stopped or paused, or the app stopped meanwhile.
 */
export async function runFetch(
  step: FetchStep,
  scope: Scope,
  ctx: StepContext,
): Promise<FetchOutcome | undefined> {
  const url = toText(evaluate(step.url, scope, ctx));
  const method = step.method ?? 'GET';
  const { headers, body } = requestParts(step, scope, ctx, method !== 'GET');
  const { signal, done } = ctx.resources.request();
  let outcome: FetchOutcome;
  try {
    const response = await fetch(url, { method, headers, body, signal });
    const { status, statusText } = response;
    outcome = response.ok
      ? ['result', await readBody(response)]
      : ['error', { message: `HTTP ${status}${statusText ? ` ${statusText}` : ''}`, status }];
  } catch (thrown) {
    if (signal.aborted) return;
    outcome = ['error', { message: errorMessage(thrown) }];
  } finally {
    done();
  }
  if (!ctx.alive) return;
  if (outcome[0] === 'result') setResult(step.result, outcome[1], scope, ctx);
  return outcome;
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (/\bjson\b/i.test(type)) {
    if (text.trim() === '') return null;
    return JSON.parse(text);
  }
  return text;
}

function errorMessage(thrown: unknown): string {
  if (thrown instanceof SyntaxError) return `the response is not valid JSON: ${thrown.message}`;
  return thrown instanceof Error ? thrown.message : String(thrown);
}
