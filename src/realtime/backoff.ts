/**
 * The reconnect policy of an SSE connection. Retry n (0-based, counted
 * since the last successful open) waits `baseDelay * 2^n` (exponential) or
 * `baseDelay * (n + 1)` (linear), capped by `maxDelay`.
 */

export interface ReconnectConfig {
  enabled?: boolean;
  strategy?: 'exponential' | 'linear' | 'none';
  maxRetries?: number;
  baseDelay?: number;
  maxDelay?: number;
}

/**
 * How long to wait before retry n, or undefined when retry n is not to be
 * made. `baseDelay` is the server's `retry:` field when it sent one; it
 * replaces the configured one.
 */
export function retryDelay(
  config: ReconnectConfig = {},
  n: number,
  baseDelay = config.baseDelay ?? 1000,
): number | undefined {
  if (
    config.enabled === false ||
    config.strategy === 'none' ||
    n >= (config.maxRetries ?? Infinity)
  ) {
    return undefined;
  }
  // Exponential unless linear is asked for.
  const raw = config.strategy === 'linear' ? baseDelay * (n + 1) : baseDelay * 2 ** Math.min(n, 52);
  return Math.min(raw, config.maxDelay ?? 30000);
}
