/** `storage`, `navigate` and `clipboard`: steps that talk to the browser. */
import { evaluate, evaluateOptional, toText } from '../expr/evaluate.js';
import { locate } from '../program/locations.js';
import type { ClipboardStep, NavigateStep, StorageStep } from '../program/types.js';
import { ConstelaError } from '../runtime/errors.js';
import { parseJsonOrText } from '../runtime/json.js';
import type { Scope } from '../runtime/scope.js';
import { isSafeUrl } from '../view/safety.js';
import { setResult, type StepContext } from './context.js';

/** Values are stored as JSON and read back parsed (raw text if not JSON). */
export function runStorage(step: StorageStep, scope: Scope, ctx: StepContext): void {
  const area = step.storage === 'session' ? sessionStorage : localStorage;
  const key = toText(evaluate(step.key, scope, ctx));
  switch (step.operation) {
    case 'get': {
      const raw = area.getItem(key);
      setResult(step.result, raw === null ? null : parseJsonOrText(raw), scope, ctx);
      return;
    }
    case 'set': {
      const value = evaluateOptional(step.value, scope, ctx);
      area.setItem(key, JSON.stringify(value ?? null));
      return;
    }
    case 'remove':
      area.removeItem(key);
      return;
  }
}

/** Goes to `url`; `target` opens it in another browsing context. */
export function runNavigate(step: NavigateStep, scope: Scope, ctx: StepContext): void {
  const url = toText(evaluate(step.url, scope, ctx));
  if (!isSafeUrl(url)) {
    throw new ConstelaError(
      'step',
      `navigate refused the URL ${JSON.stringify(url)}`,
      locate(step),
    );
  }
  if (step.target !== undefined && step.target !== '_self') {
    window.open(url, step.target, 'noopener,noreferrer');
  } else {
    window.location.assign(url);
  }
}

export async function runClipboard(
  step: ClipboardStep,
  scope: Scope,
  ctx: StepContext,
): Promise<void> {
  if (step.operation === 'write') {
    const value = evaluateOptional(step.value, scope, ctx);
    await navigator.clipboard.writeText(toText(value));
    return;
  }
  setResult(step.result, await navigator.clipboard.readText(), scope, ctx);
}
