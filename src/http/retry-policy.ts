import type { ApiError } from './errors.ts';

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: string };

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 30_000 };

/**
 * Whether to try a failed call again, and after how long. Pure: the HTTP layer applies it.
 * - 429: the server did not act on the request, so any method may wait Retry-After and go again.
 * - Transient (5xx, timeout): only idempotent calls; a write whose outcome is unknown is read back
 *   by its caller instead (create intents), never blindly repeated.
 * - Everything else (4xx, auth) fails at once.
 * Backoff is exponential with "equal jitter" (a wait in [ceiling/2, ceiling]), the ceiling capped at maxDelayMs.
 */
export function decideRetry(
  err: ApiError,
  attempt: number,
  idempotent: boolean,
  opts: RetryOptions = defaultRetryOptions,
  rnd: () => number = Math.random,
): RetryDecision {
  if (attempt >= opts.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
  switch (err.kind) {
    case 'RateLimited': {
      const ra = 'retryAfterMs' in err && typeof err.retryAfterMs === 'number' ? err.retryAfterMs : opts.baseDelayMs;
      return { retry: true, waitMs: Math.min(Math.max(ra, 0), opts.maxDelayMs * 4) };
    }
    case 'Transient': {
      if (!idempotent) return { retry: false, reason: 'not idempotent: a retry could duplicate the write' };
      const cap = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
      return { retry: true, waitMs: Math.round(cap / 2 + (rnd() * cap) / 2) };
    }
    default:
      return { retry: false, reason: `${err.kind} is not retryable` };
  }
}
