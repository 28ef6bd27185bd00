import { z } from 'zod';
import type { Logger } from '../../logging/logger.ts';
import type { Ticket } from '../../model/index.ts';
import type { ChangePage } from '../../ports/ticket-system.ts';
import { decodeStoredCheckpoint } from '../checkpoint.ts';
import type { ExportQuery } from './client.ts';
import type { ZdExportPage } from './schemas.ts';

/**
 * The Zendesk change feed: the cursor-based incremental ticket export.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based
 * First `?start_time=` (unix seconds), then `?cursor=after_cursor` until `end_of_stream`. The export leaves out
 * the most recent minute and allows 10 requests a minute (the caller gates `fetchPage`). At the end of the stream
 * the last `after_cursor` is where the next poll resumes, so it is the checkpoint.
 */

/** Opaque to the engine: a JSON string of one of these. */
export const ZendeskCheckpoint = z.union([z.strictObject({ cursor: z.string().min(1) }), z.strictObject({ startTime: z.number().int().nonnegative() })]);
export type ZendeskCheckpoint = z.infer<typeof ZendeskCheckpoint>;

export function encodeCheckpoint(c: ZendeskCheckpoint): string {
  return JSON.stringify(c);
}

export function decodeCheckpoint(s: string): ZendeskCheckpoint {
  return decodeStoredCheckpoint(ZendeskCheckpoint, s, 'zendesk');
}

/** The export refuses a start time within the last minute; it would return nothing new anyway. */
export const EXPORT_LAG_MS = 60_000;

/** Start of a first sync: the configured date, else 30 days ago; never within the export's last minute. */
export function initialCheckpoint(now: number, startFrom?: Date): ZendeskCheckpoint {
  const from = startFrom ? startFrom.getTime() : now - 30 * 24 * 3600_000;
  return { startTime: Math.max(0, Math.floor(Math.min(from, now - EXPORT_LAG_MS) / 1000)) };
}

/** The export answered a cursor it had already given in this run: following it would loop forever. */
export class FeedStuck extends Error {
  constructor() {
    super('zendesk incremental export repeated a cursor without reaching the end of the stream');
    this.name = 'FeedStuck';
  }
}

export interface TicketFeedOptions {
  fetchPage: (query: ExportQuery) => Promise<ZdExportPage>;
  /** Maps a page's raw tickets (already deduplicated) to the model. */
  mapPage: (page: ZdExportPage) => Promise<Ticket[]>;
  logger: Logger;
}

/** Same ticket, same version: the export may repeat one across a page boundary; a later version is a new change. */
const versionOf = (t: ZdExportPage['tickets'][number]): string => `${t.generated_timestamp ?? ''}|${t.updated_at}`;

export async function* ticketChanges(from: ZendeskCheckpoint, opts: TicketFeedOptions): AsyncGenerator<ChangePage> {
  let query: ExportQuery = from;
  const seenCursors = new Set<string>('cursor' in from ? [from.cursor] : []);
  const seenVersions = new Map<number, string>();
  for (let pageNo = 1; ; pageNo++) {
    const page = await opts.fetchPage(query);
    const fresh = page.tickets.filter((t) => {
      const v = versionOf(t);
      if (seenVersions.get(t.id) === v) return false;
      seenVersions.set(t.id, v);
      return true;
    });
    const tickets = await opts.mapPage({ ...page, tickets: fresh });
    const next: ZendeskCheckpoint = page.after_cursor ? { cursor: page.after_cursor } : query;
    opts.logger.debug(
      { system: 'zendesk', feed: 'incremental', page: pageNo, count: tickets.length, repeated: page.tickets.length - fresh.length, endOfStream: page.end_of_stream },
      'feed page',
    );
    yield { tickets, checkpoint: encodeCheckpoint(next) };
    if (page.end_of_stream) return;
    if (!page.after_cursor || seenCursors.has(page.after_cursor)) throw new FeedStuck();
    seenCursors.add(page.after_cursor);
    query = { cursor: page.after_cursor };
  }
}
