import type { Command } from 'commander';
import { formatProblem, loadConfigFile, summarizeConfig, type ConfigSummary, type Problem } from '../config/index.ts';
import type { Output } from './output.ts';

interface ValidateOptions {
  json?: boolean;
  requireEnv?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Exit codes: 0 valid, 1 problems found, 2 the file could not be read. */
export async function runValidate(file: string, options: ValidateOptions, out: Output, env: Env = process.env): Promise<number> {
  const result = await loadConfigFile(file, env, { requireEnv: options.requireEnv === true });
  const code = result.ok ? 0 : result.unreadable ? 2 : 1;
  const summary = result.ok ? summarizeConfig(result.config, env) : undefined;
  if (options.json) {
    out.json({ file, valid: result.ok, summary, problems: result.ok ? [] : result.problems, warnings: result.warnings });
    return code;
  }
  for (const w of result.warnings) out.error(formatProblem({ ...w, message: `warning: ${w.message}` }));
  if (!result.ok) {
    for (const p of result.problems) out.error(formatProblem(p));
    out.error(problemCount(file, result.problems));
    return code;
  }
  if (summary) printSummary(file, summary, out);
  return code;
}

function printSummary(file: string, summary: ConfigSummary, out: Output): void {
  const n = summary.connections.length;
  out.line(`${file}: valid (${n} connection${n === 1 ? '' : 's'}, ${summary.store} store)`);
  for (const c of summary.connections) {
    out.line(`  ${c.id}: Zendesk ${c.zendeskHost} ⇄ JSM ${c.jsmProject} (service desk ${c.serviceDeskId}, ${c.jsmHost}), direction ${c.direction}`);
    out.line(
      `    statuses ${c.statusMaps.zendesk} Zendesk / ${c.statusMaps.jsm} JSM, priorities ${c.priorityMaps.zendesk} / ${c.priorityMaps.jsm}, ` +
        `groups ${c.groups}, custom fields ${c.customFields}`,
    );
  }
}

function problemCount(file: string, problems: readonly Problem[]): string {
  return `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
}

export function register(program: Command, out: Output): void {
  program
    .command('validate')
    .description('check a mapping file: prints a summary, or every problem as file:line:col  path  what was expected')
    .argument('<file>', 'mapping file (YAML)')
    .option('--json', 'print the result as JSON')
    .option('--require-env', 'treat unset ${VAR} environment variables as errors, not warnings')
    .action(async (file: string, options: ValidateOptions) => {
      process.exitCode = await runValidate(file, options, out);
    });
}
