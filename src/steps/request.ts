/** What `fetch` and `sseConnect` send besides the URL: headers and a JSON body. */
import { evaluate, evaluateExprOrRecord, toText } from '../expr/evaluate.js';
import type { Expr } from '../program/types.js';
import type { Scope } from '../runtime/scope.js';
import type { StepContext } from './context.js';

export interface RequestParts {
  headers: Record<string, string>;
  body?: string;
}

/**
 * Evaluates `headers` (null and undefined values are left out) and, when
 * `withBody`, `body` as JSON with `Content-Type: application/json` unless a
 * content type was given.
 */
export function requestParts(
  step: { headers?: Expr | Record<string, Expr>; body?: Expr },
  scope: Scope,
  ctx: StepContext,
  withBody = true,
): RequestParts {
  const headers: Record<string, string> = {};
  const given = step.headers === undefined ? {} : evaluateExprOrRecord(step.headers, scope, ctx);
  if (given !== null && typeof given === 'object') {
    for (const [name, value] of Object.entries(given)) {
      if (value !== undefined && value !== null) headers[name] = toText(value);
    }
  }
  if (step.body === undefined || !withBody) return { headers };
  const body = JSON.stringify(evaluate(step.body, scope, ctx) ?? null);
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  return { headers, body };
}
