import type { SystemName } from '../model/index.ts';
import type { ApplyOutcome } from './apply.ts';
import type { ItemResult } from './process.ts';

/** The result of one sync run, exactly this shape (printed by `deskbridge sync --json`, read by tests and bench). */
export interface SyncSummary {
  tickets: {
    created: { zendesk: number; jsm: number };
    updated: { zendesk: number; jsm: number };
    unchanged: number;
  };
  comments: { created: { zendesk: number; jsm: number } };
  conflicts: number;
  deadLetters: number;
  apiCalls: { zendesk: { read: number; write: number }; jsm: { read: number; write: number } };
  durationMs: number;
}

/** Anything that counts API calls: an HttpClient's `metrics` (HttpMetrics) fits. */
export interface MetricsSource {
  snapshot(): { read: number; write: number };
}

export type ApiCalls = SyncSummary['apiCalls'];

export function readApiCalls(metrics: Partial<Record<SystemName, MetricsSource>> | undefined): ApiCalls {
  const of = (s: SystemName) => metrics?.[s]?.snapshot() ?? { read: 0, write: 0 };
  const z = of('zendesk');
  const j = of('jsm');
  return { zendesk: { read: z.read, write: z.write }, jsm: { read: j.read, write: j.write } };
}

/** Calls made between two readings. */
export function apiCallsSince(start: ApiCalls, end: ApiCalls): ApiCalls {
  const d = (s: SystemName) => ({ read: end[s].read - start[s].read, write: end[s].write - start[s].write });
  return { zendesk: d('zendesk'), jsm: d('jsm') };
}

/** Accumulates item results into a summary; updated tickets are counted once per run however often written. */
export class SummaryBuilder {
  private readonly created = { zendesk: 0, jsm: 0 };
  private readonly updated = { zendesk: new Set<string>(), jsm: new Set<string>() };
  private readonly comments = { zendesk: 0, jsm: 0 };
  private unchanged = 0;
  private conflicts = 0;
  private deadLetters = 0;

  addOutcome(outcome: ApplyOutcome): void {
    for (const s of ['zendesk', 'jsm'] as const) {
      this.created[s] += outcome.created[s];
      this.comments[s] += outcome.comments[s];
      for (const id of outcome.updated[s]) this.updated[s].add(id);
    }
    this.conflicts += outcome.conflicts;
    this.deadLetters += outcome.deadLetters;
  }

  add(result: ItemResult): void {
    if (result.kind === 'unchanged') this.unchanged++;
    else if (result.kind === 'failed') this.deadLetters++;
    else if (result.kind === 'planned') {
      if (result.outcome) {
        this.addOutcome(result.outcome);
        if (result.outcome.writes === 0 && result.outcome.failures.length === 0) this.unchanged++;
      } else this.addPlanned(result);
    }
  }

  /** Dry run: counts what the ops would do. */
  private addPlanned(result: Extract<ItemResult, { kind: 'planned' }>): void {
    for (const op of result.ops) {
      if (op.kind === 'create') this.created[op.target]++;
      else if (op.kind === 'update') this.updated[op.target].add(op.ticketId);
      else if (op.kind === 'comment') this.comments[op.target]++;
      else if (op.kind === 'conflict') this.conflicts++;
      else if (op.kind === 'dead-letter') this.deadLetters++;
    }
  }

  build(apiCalls: ApiCalls, durationMs: number): SyncSummary {
    return {
      tickets: {
        created: { ...this.created },
        updated: { zendesk: this.updated.zendesk.size, jsm: this.updated.jsm.size },
        unchanged: this.unchanged,
      },
      comments: { created: { ...this.comments } },
      conflicts: this.conflicts,
      deadLetters: this.deadLetters,
      apiCalls,
      durationMs,
    };
  }
}
