import type { SystemName } from '../model/index.ts';

export type ApiErrorKind = 'RateLimited' | 'NotFound' | 'Conflict' | 'AuthFailed' | 'Invalid' | 'Transient';

export interface ApiErrorContext {
  system: SystemName;
  method: string;
  /** Route template or path without query (never carries personal data). */
  route: string;
  status?: number;
}

/** Base of every error an adapter raises. Carries context, never personal data. */
export abstract class ApiError extends Error {
  abstract readonly kind: ApiErrorKind;
  readonly context: ApiErrorContext;
  constructor(message: string, context: ApiErrorContext) {
    // Routes are often written as `METHOD /path` already (metrics keys): do not say the method twice.
    const where = context.route.startsWith(`${context.method} `) ? context.route : `${context.method} ${context.route}`;
    super(`${context.system} ${where}${context.status ? ` → ${context.status}` : ''}: ${message}`);
    this.context = context;
    this.name = new.target.name;
  }
}

export class RateLimited extends ApiError {
  readonly kind = 'RateLimited' as const;
  readonly retryAfterMs: number;
  constructor(message: string, context: ApiErrorContext, retryAfterMs: number) {
    super(message, context);
    this.retryAfterMs = retryAfterMs;
  }
}
export class NotFound extends ApiError {
  readonly kind = 'NotFound' as const;
}
export class Conflict extends ApiError {
  readonly kind = 'Conflict' as const;
}
export class AuthFailed extends ApiError {
  readonly kind = 'AuthFailed' as const;
}
/** 4xx validation: the request will never succeed as it is. `apiMessage` is the API's own explanation. */
export class Invalid extends ApiError {
  readonly kind = 'Invalid' as const;
  readonly apiMessage: string;
  constructor(message: string, context: ApiErrorContext, apiMessage = message) {
    super(message, context);
    this.apiMessage = apiMessage;
  }
}
/** 5xx, timeouts, dropped connections. `outcomeUnknown`: a write may have committed. */
export class Transient extends ApiError {
  readonly kind = 'Transient' as const;
  readonly outcomeUnknown: boolean;
  constructor(message: string, context: ApiErrorContext, outcomeUnknown: boolean) {
    super(message, context);
    this.outcomeUnknown = outcomeUnknown;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const isRateLimited = (e: unknown): e is RateLimited => e instanceof RateLimited;
export const isNotFound = (e: unknown): e is NotFound => e instanceof NotFound;
export const isConflict = (e: unknown): e is Conflict => e instanceof Conflict;
export const isAuthFailed = (e: unknown): e is AuthFailed => e instanceof AuthFailed;
export const isInvalid = (e: unknown): e is Invalid => e instanceof Invalid;
export const isTransient = (e: unknown): e is Transient => e instanceof Transient;
