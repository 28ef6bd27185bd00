import { AuthFailed, Conflict, Invalid, NotFound, RateLimited, Transient, type ApiError, type ApiErrorContext } from './errors.ts';

/** Retry-After is seconds (integer or decimal) or an HTTP date; returns milliseconds. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value === '') return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, Math.round(secs * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Pulls a human message out of a Zendesk (`error`, `description`, `details`) or Jira (`errorMessages`, `errors`) error body. */
export function apiMessage(data: unknown): string {
  if (typeof data === 'string') return data.slice(0, 500);
  if (!data || typeof data !== 'object') return '';
  const d = data as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.error === 'string') parts.push(d.error);
  else if (d.error && typeof d.error === 'object' && typeof (d.error as Record<string, unknown>).message === 'string')
    parts.push((d.error as Record<string, string>).message!);
  if (typeof d.description === 'string') parts.push(d.description);
  if (d.details && typeof d.details === 'object') parts.push(JSON.stringify(d.details));
  if (Array.isArray(d.errorMessages)) parts.push(...d.errorMessages.filter((m): m is string => typeof m === 'string'));
  if (d.errors && typeof d.errors === 'object' && !Array.isArray(d.errors))
    for (const [k, v] of Object.entries(d.errors)) parts.push(`${k}: ${String(v)}`);
  if (typeof d.message === 'string') parts.push(d.message);
  return parts.join('; ').slice(0, 500);
}

/** Maps an HTTP status to a typed error; null for success. Pure. */
export function classifyResponse(
  status: number,
  headers: Record<string, string | undefined>,
  data: unknown,
  ctx: ApiErrorContext,
  isWrite: boolean,
): ApiError | null {
  if (status < 400) return null;
  const c = { ...ctx, status };
  const msg = apiMessage(data) || `HTTP ${status}`;
  if (status === 429) return new RateLimited(msg, c, parseRetryAfter(headers['retry-after']) ?? 60_000);
  if (status === 401 || status === 403) return new AuthFailed(msg, c);
  if (status === 404 || status === 410) return new NotFound(msg, c);
  if (status === 409) return new Conflict(msg, c);
  if (status === 503 && headers['retry-after'] !== undefined)
    return new RateLimited(msg, c, parseRetryAfter(headers['retry-after']) ?? 5_000);
  if (status >= 500 || status === 408) return new Transient(msg, c, isWrite);
  return new Invalid(msg, c, msg);
}
