import { CANONICAL_STATUSES, PRIORITIES } from '../model/index.ts';
import { checkSideMaps, type SideMaps } from './check-maps.ts';
import { checkNames } from './check-names.ts';
import type { PathIssue } from './problem.ts';
import { entriesWithKeys, entriesWithValues, isRecord } from './raw.ts';

/**
 * The rules a schema cannot express, run on the file as written (not on the parsed config) so that
 * they are reported together with the schema's errors: each rule reads what is well-formed.
 */
export function crossCheck(raw: unknown): { errors: PathIssue[]; warnings: PathIssue[] } {
  const errors: PathIssue[] = [];
  const warnings: PathIssue[] = [];
  const connections = isRecord(raw) && Array.isArray(raw.connections) ? raw.connections : [];

  const firstIndex = new Map<string, number>();
  connections.forEach((c: unknown, i) => {
    const id = isRecord(c) && typeof c.id === 'string' ? c.id : undefined;
    if (id === undefined) return;
    const seen = firstIndex.get(id);
    if (seen === undefined) firstIndex.set(id, i);
    else errors.push({ path: ['connections', i, 'id'], message: `duplicate connection id "${id}" (already used by connections[${seen}])` });
  });

  connections.forEach((c: unknown, i) => {
    if (!isRecord(c)) return;
    const statuses = sideMaps(c.statuses, CANONICAL_STATUSES);
    if (statuses) errors.push(...checkSideMaps('status', CANONICAL_STATUSES, statuses, ['connections', i, 'statuses']));
    // Zendesk's priority names are the canonical ones: an absent zendesk map is the identity.
    const priorities = sideMaps(c.priorities, PRIORITIES, Object.fromEntries(PRIORITIES.map((p) => [p, p])));
    if (priorities) errors.push(...checkSideMaps('priority', PRIORITIES, priorities, ['connections', i, 'priorities']));
    const names = checkNames(c, ['connections', i]);
    errors.push(...names.errors);
    warnings.push(...names.warnings);
  });
  return { errors, warnings };
}

function sideMaps<C extends string>(raw: unknown, canonical: readonly C[], zendeskDefault?: Record<string, C>): SideMaps<C> | undefined {
  if (!isRecord(raw)) return undefined;
  return {
    zendesk: raw.zendesk === undefined && zendeskDefault ? zendeskDefault : entriesWithValues(raw.zendesk, canonical),
    jsm: entriesWithValues(raw.jsm, canonical),
    toZendesk: entriesWithKeys(raw.toZendesk, canonical),
    toJsm: entriesWithKeys(raw.toJsm, canonical),
  };
}
