import type { Command } from 'commander';
import { z } from 'zod';
import { ConfigRejected, openRuntime, type Runtime } from '../app/runtime.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import type { Output } from './output.ts';

/** Flags shared by the commands that open a config: validated with zod at the boundary. */
export const RuntimeFlags = z.object({
  config: z.string({ error: '--config FILE is required' }).min(1, '--config FILE is required'),
  connection: z.string().regex(/^[A-Za-z0-9-]+$/, '--connection takes a connection id').optional(),
  json: z.boolean().default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});
export type RuntimeFlags = z.infer<typeof RuntimeFlags>;

/** Parses flags; on failure prints each problem and returns null (exit code 2). */
export function parseFlags<S extends z.ZodType>(schema: S, raw: unknown, out: Output, command: string): z.infer<S> | null {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) out.error(`${command}: ${issue.path.length ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ` : ''}${issue.message}`);
  process.exitCode = 2;
  return null;
}

/** The CLI logs warnings and errors only (to stderr) unless asked: the command's own output stays readable. */
export const cliLogger = (level?: string): Logger => createLogger({ level: level ?? process.env.DESKBRIDGE_LOG_LEVEL ?? 'warn' });

/** Opens the runtime for a command, printing config problems (exit code 1) instead of throwing. */
export async function withRuntime(flags: RuntimeFlags, out: Output, fn: (rt: Runtime, logger: Logger) => Promise<number>, logger = cliLogger(flags.logLevel)): Promise<void> {
  let rt: Runtime;
  try {
    rt = await openRuntime(flags.config, { logger, ...(flags.connection ? { connectionId: flags.connection } : {}) });
  } catch (err) {
    if (err instanceof ConfigRejected) {
      for (const line of err.lines) out.error(line);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  try {
    process.exitCode = await fn(rt, logger);
  } finally {
    await rt.close();
  }
}

export const runtimeOptions = (cmd: Command): Command =>
  cmd
    .requiredOption('-c, --config <file>', 'mapping file (YAML)')
    .option('--connection <id>', 'only this connection')
    .option('--json', 'machine-readable output')
    .option('--log-level <level>', 'log level on stderr (default warn, or $DESKBRIDGE_LOG_LEVEL)');
