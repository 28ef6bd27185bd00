import { Command } from 'commander';
import { consoleOutput } from './output.ts';
import { register as registerDemo } from './demo.ts';
import { register as registerDlq } from './dlq.ts';
import { register as registerPlan } from './plan.ts';
import { register as registerSim } from './sim.ts';
import { register as registerSync } from './sync.ts';
import { register as registerValidate } from './validate.ts';

/**
 * Entry point of the `deskbridge` command. Each command lives in its own file and exports
 * `register(program, out)`; this file only assembles them.
 */
const program = new Command('deskbridge')
  .description('Two-way sync between Jira Service Management and Zendesk')
  .version('0.1.0')
  .showHelpAfterError();

const out = consoleOutput;
// Commands: keep one import + one register line per command file.
registerValidate(program, out);
registerPlan(program, out);
registerSync(program, out);
registerDlq(program, out);
registerDemo(program, out);
registerSim(program, out);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // An unexpected failure: one line for the person at the terminal; the stack only when debugging.
  out.error(`deskbridge: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.DESKBRIDGE_LOG_LEVEL === 'debug' && err instanceof Error && err.stack) out.error(err.stack);
  process.exitCode = 1;
}
