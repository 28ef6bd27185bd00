import { describe, expect, it } from 'vitest';
import { AuthFailed, Conflict, Invalid, NotFound, RateLimited, Transient, type ApiError } from '../../src/http/errors.ts';
import { decideRetry, defaultRetryOptions, type RetryOptions } from '../../src/http/retry-policy.ts';

const ctx = { system: 'zendesk' as const, method: 'GET', route: 'GET /api/v2/tickets/{id}.json' };
const opts: RetryOptions = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
const rnd = (v: number) => () => v;

const errors: Record<string, ApiError> = {
  rateLimited: new RateLimited('slow down', { ...ctx, status: 429 }, 2_000),
  transient: new Transient('bad gateway', { ...ctx, status: 502 }, false),
  transientWrite: new Transient('service unavailable', { ...ctx, method: 'POST', status: 503 }, true),
  notFound: new NotFound('gone', { ...ctx, status: 404 }),
  conflict: new Conflict('stale', { ...ctx, status: 409 }),
  authFailed: new AuthFailed('who are you', { ...ctx, status: 401 }),
  invalid: new Invalid('Status: closed prevents ticket update', { ...ctx, method: 'PUT', status: 422 }),
};

describe('decideRetry', () => {
  const cases: { name: string; err: keyof typeof errors; attempt: number; idempotent: boolean; retry: boolean; waitMs?: number; reason?: RegExp }[] = [
    { name: 'a 429 on a GET waits Retry-After', err: 'rateLimited', attempt: 1, idempotent: true, retry: true, waitMs: 2_000 },
    { name: 'a 429 on a POST also waits Retry-After (the server did not act on it)', err: 'rateLimited', attempt: 1, idempotent: false, retry: true, waitMs: 2_000 },
    { name: 'a 5xx on an idempotent call backs off', err: 'transient', attempt: 1, idempotent: true, retry: true },
    { name: 'a 5xx on a non-idempotent call gives up', err: 'transientWrite', attempt: 1, idempotent: false, retry: false, reason: /not idempotent/ },
    { name: 'a dropped write marked idempotent (field-only PUT) retries', err: 'transientWrite', attempt: 2, idempotent: true, retry: true },
    { name: 'a 404 is final', err: 'notFound', attempt: 1, idempotent: true, retry: false, reason: /NotFound is not retryable/ },
    { name: 'a 409 is final', err: 'conflict', attempt: 1, idempotent: true, retry: false, reason: /Conflict is not retryable/ },
    { name: 'a 401 is final', err: 'authFailed', attempt: 1, idempotent: true, retry: false, reason: /AuthFailed is not retryable/ },
    { name: 'a 422 is final', err: 'invalid', attempt: 1, idempotent: true, retry: false, reason: /Invalid is not retryable/ },
    { name: 'the attempts cap stops a 5xx', err: 'transient', attempt: 5, idempotent: true, retry: false, reason: /gave up after 5 attempts/ },
    { name: 'the attempts cap stops a 429', err: 'rateLimited', attempt: 5, idempotent: true, retry: false, reason: /gave up after 5 attempts/ },
    { name: 'the last attempt before the cap still retries', err: 'transient', attempt: 4, idempotent: true, retry: true },
  ];

  it.each(cases)('$name', ({ err, attempt, idempotent, retry, waitMs, reason }) => {
    const d = decideRetry(errors[err]!, attempt, idempotent, opts, rnd(0.5));
    expect(d.retry).toBe(retry);
    if (d.retry && waitMs !== undefined) expect(d.waitMs).toBe(waitMs);
    if (!d.retry && reason) expect(d.reason).toMatch(reason);
  });

  // Exponential ceiling base·2^(attempt-1), capped at maxDelayMs; the wait lies in [ceiling/2, ceiling).
  const backoff = [
    { attempt: 1, rndValue: 0, waitMs: 50 },
    { attempt: 1, rndValue: 0.999, waitMs: 100 },
    { attempt: 2, rndValue: 0, waitMs: 100 },
    { attempt: 3, rndValue: 0.5, waitMs: 300 },
    { attempt: 4, rndValue: 0, waitMs: 400 },
    { attempt: 4, rndValue: 0.999, waitMs: 800 },
  ];
  it.each(backoff)('backs off attempt $attempt with rnd $rndValue to $waitMs ms', ({ attempt, rndValue, waitMs }) => {
    expect(decideRetry(errors.transient!, attempt, true, opts, rnd(rndValue))).toEqual({ retry: true, waitMs });
  });

  it('caps the backoff at maxDelayMs however many attempts went before', () => {
    const many: RetryOptions = { ...opts, maxAttempts: 50 };
    for (const v of [0, 0.5, 0.999]) {
      const d = decideRetry(errors.transient!, 30, true, many, rnd(v));
      expect(d.retry).toBe(true);
      if (d.retry) {
        expect(d.waitMs).toBeGreaterThanOrEqual(many.maxDelayMs / 2);
        expect(d.waitMs).toBeLessThanOrEqual(many.maxDelayMs);
      }
    }
  });

  it('keeps every jittered wait within bounds over the whole range of rnd', () => {
    for (let attempt = 1; attempt < opts.maxAttempts; attempt++) {
      const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
      for (let i = 0; i < 100; i++) {
        const d = decideRetry(errors.transient!, attempt, true, opts, rnd(i / 100));
        if (!d.retry) throw new Error('expected a retry');
        expect(d.waitMs).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d.waitMs).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('caps a huge Retry-After so one answer cannot stall a system for an hour', () => {
    const hour = new RateLimited('slow down', { ...ctx, status: 429 }, 3_600_000);
    expect(decideRetry(hour, 1, true, opts)).toEqual({ retry: true, waitMs: opts.maxDelayMs * 4 });
  });

  it('uses the default options when none are given', () => {
    expect(decideRetry(errors.transient!, defaultRetryOptions.maxAttempts, true).retry).toBe(false);
    expect(decideRetry(errors.transient!, defaultRetryOptions.maxAttempts - 1, true).retry).toBe(true);
  });
});
