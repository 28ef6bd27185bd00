import { Command } from 'commander';
import { consoleOutput } from './output.ts';

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

await program.parseAsync(process.argv);
