import { z } from 'zod';
import { SystemName } from './enums.ts';
import type { TicketRef } from './ticket.ts';

/** The link between a Zendesk ticket and a JSM issue, within one connection. */
export const Link = z.object({
  connection: z.string(),
  zendeskId: z.string(),
  jsmId: z.string(),
  jsmKey: z.string(),
  createdAt: z.string(),
  /** Which side the pair was first created from. */
  origin: SystemName,
});
export type Link = z.infer<typeof Link>;

/**
 * The stamp written on a ticket naming its counterpart, so that a lost store can be rebuilt
 * and a create with an unknown outcome can be read back. Label-safe: letters, digits, `_`, `-`.
 * Zendesk `external_id` holds the stamp of the JSM issue; a JSM label holds the stamp of the Zendesk ticket.
 */
export function linkStamp(connection: string, counterpart: Pick<TicketRef, 'system' | 'id'>): string {
  return `deskbridge_${connection}_${counterpart.system}_${counterpart.id}`;
}

export function parseLinkStamp(stamp: string): { connection: string; system: SystemName; id: string } | null {
  const m = /^deskbridge_([A-Za-z0-9-]+)_(zendesk|jsm)_([A-Za-z0-9-]+)$/.exec(stamp);
  return m ? { connection: m[1]!, system: m[2] as SystemName, id: m[3]! } : null;
}
