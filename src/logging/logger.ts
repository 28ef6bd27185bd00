import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/** Keys that may carry secrets or personal data. Log lines hold ids and counts, never these. */
const SENSITIVE_KEYS = ['authorization', 'Authorization', 'auth', 'token', 'password', 'email', 'name', 'displayName', 'body', 'html_body', 'plain_body', 'subject', 'description', 'data'];

/**
 * Redaction paths: each sensitive key at the top level and nested up to three objects deep (pino's
 * wildcards match one level each, so a requester's email under `ticket.requester.email` needs `*.*.email`).
 */
export const REDACT_PATHS = ['', '*.', '*.*.', '*.*.*.'].flatMap((prefix) => SENSITIVE_KEYS.map((k) => `${prefix}${k}`));

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
}

/** Builds the one pino logger a process uses; pass it down (no global). Logs go to stderr by default. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? process.env.DESKBRIDGE_LOG_LEVEL ?? 'info';
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'deskbridge' } },
    opts.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything (tests, library use without logging). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
