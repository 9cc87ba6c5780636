/**
 * `fetch`: a 2xx response runs `onSuccess` with `result` (JSON when the
 * response says JSON, else text); anything else (non-2xx, network failure,
 * abort) runs `onError` with `error = { message, status? }`.
 */
import { evaluate, toText } from '../expr/evaluate.js';
import type { FetchStep } from '../program/types.js';
import { isExpr } from '../program/guards.js';
import type { Scope } from '../runtime/scope.js';
import type { StepContext } from './context.js';

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
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(evaluateHeaders(step, scope, ctx))) {
    if (value !== undefined && value !== null) headers[name] = toText(value);
  }
  const init: RequestInit = { method, headers };
  if (step.body !== undefined && method !== 'GET') {
    init.body = JSON.stringify(evaluate(step.body, scope, ctx) ?? null);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }

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

function evaluateHeaders(step: FetchStep, scope: Scope, ctx: StepContext): Record<string, unknown> {
  if (step.headers === undefined) return {};
  if (isExpr(step.headers)) {
    const value = evaluate(step.headers, scope, ctx);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  }
  const out: Record<string, unknown> = {};
  for (const [name, expr] of Object.entries(step.headers)) {
    out[name] = evaluate(expr, scope, ctx);
  }
  return out;
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
