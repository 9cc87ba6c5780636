/**
 * `fetch`: a 2xx response runs `onSuccess` with `result` (JSON when the
 * response says JSON, else text); anything else (non-2xx, network failure,
 * abort) runs `onError` with `error = { message, status? }`.
 */
import { evaluate, toText } from '../expr/evaluate.js';
import type { FetchStep } from '../program/types.js';
import type { Scope } from '../runtime/scope.js';
import type { StepContext } from './context.js';
import { requestParts } from './request.js';

export interface FetchOutcome {
  readonly ok: boolean;
  /** Aborted because the app stopped: no callback runs. */
  readonly aborted?: boolean;
  readonly result?: unknown;
  readonly error?: { message: string; status?: number };
}

export async function runFetch(
  step: FetchStep,
  scope: Scope,
  ctx: StepContext,
): Promise<FetchOutcome> {
  const url = toText(evaluate(step.url, scope, ctx));
  const method = step.method ?? 'GET';
  const { headers, body } = requestParts(step, scope, ctx, method !== 'GET');
  const init: RequestInit = { method, headers, body };

  const request = ctx.resources.request();
  init.signal = request.signal;
  try {
    const response = await fetch(url, init);
    if (response.ok) return { ok: true, result: await readBody(response) };
    const text = response.statusText ? ` ${response.statusText}` : '';
    return {
      ok: false,
      error: { message: `HTTP ${response.status}${text}`, status: response.status },
    };
  } catch (thrown) {
    if (request.signal.aborted) return { ok: false, aborted: true };
    return { ok: false, error: { message: errorMessage(thrown) } };
  } finally {
    request.done();
  }
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
