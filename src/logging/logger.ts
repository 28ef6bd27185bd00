import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths that may carry secrets or personal data. Log lines hold ids and counts, never these.
 * Keep in step with what adapters and the engine put in log objects.
 */
export const REDACT_PATHS = [
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'config.auth',
  'auth',
  'token',
  '*.token',
  'password',
  '*.password',
  'email',
  '*.email',
  'name',
  '*.name',
  'displayName',
  '*.displayName',
  'body',
  '*.body',
  'html_body',
  '*.html_body',
  'subject',
  '*.subject',
  'description',
  '*.description',
  'data',
  '*.data',
];

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
