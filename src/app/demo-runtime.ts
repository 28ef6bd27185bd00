import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logging/logger.ts';
import { openRuntime, type Runtime } from './runtime.ts';

/** The ready config for the in-repo simulators. */
export const DEMO_CONFIG = fileURLToPath(new URL('../../config/demo.yaml', import.meta.url));

export interface DemoRuntimeOptions {
  /** Folder that receives the config file and the SQLite store (`state.db`). */
  dir: string;
  /** The simulators' environment (`startSimulators().env`). */
  simEnv: Record<string, string>;
  logger: Logger;
  fileName?: string;
  /** Sets every request budget of the config (both systems, ticket updates too) to this many per minute. */
  requestsPerMinute?: number;
  /** Any other edit of the config text before use. */
  editConfig?: (yaml: string) => string;
}

export interface DemoRuntime {
  rt: Runtime;
  configPath: string;
  /** What a `deskbridge` process needs to run `configPath` against the same simulators and store. */
  env: Record<string, string>;
}

/**
 * Writes config/demo.yaml (optionally edited) into `dir` and opens the runtime on it, with its store in
 * the same folder: the wiring the demo, the benchmarks and the end-to-end tests share.
 */
export async function openDemoRuntime(opts: DemoRuntimeOptions): Promise<DemoRuntime> {
  let yaml = await readFile(DEMO_CONFIG, 'utf8');
  if (opts.requestsPerMinute !== undefined) yaml = yaml.replace(/(requestsPerMinute|ticketUpdatesPerMinute): \d+/g, `$1: ${opts.requestsPerMinute}`);
  if (opts.editConfig) yaml = opts.editConfig(yaml);
  const configPath = join(opts.dir, opts.fileName ?? 'demo.yaml');
  await writeFile(configPath, yaml);
  const env = { ...opts.simEnv, DESKBRIDGE_STORE: join(opts.dir, 'state.db') };
  const rt = await openRuntime(configPath, { logger: opts.logger, env });
  return { rt, configPath, env };
}
