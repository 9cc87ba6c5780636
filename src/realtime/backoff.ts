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

export class Backoff {
  readonly strategy: 'exponential' | 'linear' | 'none';
  readonly maxRetries: number;
  baseDelay: number;
  readonly maxDelay: number;

  constructor(config: ReconnectConfig = {}) {
    this.strategy = config.enabled === false ? 'none' : (config.strategy ?? 'exponential');
    this.maxRetries = config.maxRetries ?? Infinity;
    this.baseDelay = config.baseDelay ?? 1000;
    this.maxDelay = config.maxDelay ?? 30000;
  }

  /** Whether retry n (0-based) may be made. */
  allows(n: number): boolean {
    return this.strategy !== 'none' && n < this.maxRetries;
  }

  /** How long to wait before retry n (0-based). */
  delay(n: number): number {
    const raw =
      this.strategy === 'linear' ? this.baseDelay * (n + 1) : this.baseDelay * 2 ** Math.min(n, 52);
    return Math.min(raw, this.maxDelay);
  }
}
