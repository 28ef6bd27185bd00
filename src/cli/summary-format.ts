import type { SyncSummary } from '../engine/index.ts';

/** Adds run summaries of several connections into one (same shape). */
export function addSummaries(a: SyncSummary, b: SyncSummary): SyncSummary {
  const pair = (x: { zendesk: number; jsm: number }, y: { zendesk: number; jsm: number }) => ({ zendesk: x.zendesk + y.zendesk, jsm: x.jsm + y.jsm });
  const calls = (x: { read: number; write: number }, y: { read: number; write: number }) => ({ read: x.read + y.read, write: x.write + y.write });
  return {
    tickets: { created: pair(a.tickets.created, b.tickets.created), updated: pair(a.tickets.updated, b.tickets.updated), unchanged: a.tickets.unchanged + b.tickets.unchanged },
    comments: { created: pair(a.comments.created, b.comments.created) },
    conflicts: a.conflicts + b.conflicts,
    deadLetters: a.deadLetters + b.deadLetters,
    apiCalls: { zendesk: calls(a.apiCalls.zendesk, b.apiCalls.zendesk), jsm: calls(a.apiCalls.jsm, b.apiCalls.jsm) },
    durationMs: a.durationMs + b.durationMs,
  };
}

/** Human-readable lines for a summary. */
export function formatSummary(s: SyncSummary): string[] {
  const c = s.apiCalls;
  return [
    `tickets   created zendesk ${s.tickets.created.zendesk}, jsm ${s.tickets.created.jsm}; updated zendesk ${s.tickets.updated.zendesk}, jsm ${s.tickets.updated.jsm}; unchanged ${s.tickets.unchanged}`,
    `comments  created zendesk ${s.comments.created.zendesk}, jsm ${s.comments.created.jsm}`,
    `conflicts ${s.conflicts}   dead letters ${s.deadLetters}`,
    `api calls zendesk ${c.zendesk.read} read / ${c.zendesk.write} write; jsm ${c.jsm.read} read / ${c.jsm.write} write`,
    `took      ${(s.durationMs / 1000).toFixed(1)} s`,
  ];
}
