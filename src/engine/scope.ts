import type { Connection } from '../config/schema.ts';
import { parseLinkStamp, type SystemName, type Ticket } from '../model/index.ts';
import { allowsFrom } from './decide.ts';

/**
 * Which UNLINKED tickets cross to the other side. Linked tickets keep syncing whatever the scope says:
 * moving a ticket out of scope must not orphan its counterpart half-way through a conversation.
 */

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The connection's `direction` lets tickets created on `from` be created on the other side. */
export const createsFrom = (c: Connection, from: SystemName): boolean => allowsFrom(c.direction, from);

export type ScopeVerdict = { in: true } | { in: false; reason: string };

/** Whether an unlinked ticket should get a counterpart created. Pure; no reads. */
export function scopeVerdict(c: Connection, t: Ticket): ScopeVerdict {
  const system = t.ref.system;
  if (!createsFrom(c, system)) return { in: false, reason: `direction ${c.direction}` };
  if (t.deleted) return { in: false, reason: 'deleted' };
  if (t.closed) return { in: false, reason: 'closed' };
  const stamp = t.linkStamp ? parseLinkStamp(t.linkStamp) : null;
  if (stamp && stamp.connection !== c.id) return { in: false, reason: 'linked by another connection' };
  if (system === 'zendesk') {
    const s = c.scope.zendesk;
    const tags = t.tags.map((x) => x.toLowerCase());
    if (s.tags.length > 0 && !s.tags.some((x) => tags.includes(x.toLowerCase()))) return { in: false, reason: 'no scope tag' };
    if (s.excludeTags.some((x) => tags.includes(x.toLowerCase()))) return { in: false, reason: 'excluded tag' };
    if (s.groups.length > 0) {
      const g = t.group;
      if (!g || !s.groups.some((x) => x === g.id || (g.name !== undefined && same(x, g.name)))) return { in: false, reason: 'group out of scope' };
    }
    return { in: true };
  }
  const types = c.scope.jsm.requestTypes;
  if (types.length > 0) {
    const g = t.group;
    if (!g || !types.some((x) => x === g.id || (g.name !== undefined && same(x, g.name)))) return { in: false, reason: 'request type out of scope' };
  }
  return { in: true };
}

/** The counterpart a ticket's stamp names within this connection (a pair to re-link), or null. */
export function stampedCounterpart(c: Connection, t: Ticket): { system: SystemName; id: string } | null {
  const stamp = t.linkStamp ? parseLinkStamp(t.linkStamp) : null;
  if (!stamp || stamp.connection !== c.id || stamp.system === t.ref.system) return null;
  return { system: stamp.system, id: stamp.id };
}
