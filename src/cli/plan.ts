import type { Command } from 'commander';
import { describeOp, planConnection, type ConnectionPlan } from '../engine/index.ts';
import { RuntimeFlags, parseFlags, runtimeOptions, withRuntime } from './common.ts';
import type { Output } from './output.ts';
import { formatSummary } from './summary-format.ts';

/** `deskbridge plan --config F [--json]`: what a sync would do now, per ticket, without writing anything. */

function printPlan(p: ConnectionPlan, out: Output): void {
  out.line(`connection ${p.connection}: ${p.tickets.length} ticket(s) to change, ${p.unchanged} unchanged, ${p.skipped} skipped${p.pendingIntents ? `, ${p.pendingIntents} pending create(s) to read back first` : ''}`);
  for (const t of p.tickets) {
    out.line(`  ${t.system}:${t.id}`);
    for (const op of t.ops) out.line(`    - ${describeOp(op)}`);
  }
  for (const line of formatSummary(p.summary)) out.line(`  ${line}`);
}

export function register(program: Command, out: Output): void {
  runtimeOptions(program.command('plan').description('show what a sync would do, per ticket, without writing')).action(async (raw: Record<string, unknown>) => {
    const flags = parseFlags(RuntimeFlags, raw, out, 'plan');
    if (!flags) return;
    await withRuntime(flags, out, async (rt) => {
      const plans: ConnectionPlan[] = [];
      for (const c of rt.connections) plans.push(await planConnection(c.deps()));
      if (flags.json) out.json(plans.length === 1 ? plans[0] : plans);
      else for (const p of plans) printPlan(p, out);
      return 0;
    });
  });
}
