import type { SimRequest, SimResponse } from '../harness.ts';
import type { ZendeskData } from './data.ts';
import { badRequest, ZendeskApiError } from './errors.ts';
import type { TicketRecord } from './records.ts';
import { renderGroup, renderTicket, sideloadedUsers, unixSeconds, type Json } from './render.ts';

/**
 * Incremental Ticket Export, Cursor Based.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based
 * https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api/#cursor-based-incremental-exports
 *
 * Tickets are ordered by (generated_timestamp, id) and the cursor encodes both, so a page boundary that
 * falls inside a run of equal timestamps neither loses nor repeats a ticket. Tickets changed within the
 * last minute of the clock are held back (they show on a later call from the last cursor); the last page
 * says `end_of_stream: true` and still carries an `after_cursor` to resume from.
 */

export interface ExportPosition {
  /** generated_timestamp (unix seconds) of the last ticket already returned. */
  ts: number;
  /** Its id; 0 means "from the start of that second". */
  id: number;
}

/** The same shape as Zendesk's cursors: base64 of `{timestamp}.0||{id}|`. */
export function encodeExportCursor(p: ExportPosition): string {
  return Buffer.from(`${p.ts}.0||${p.id}|`).toString('base64');
}

export function decodeExportCursor(cursor: string): ExportPosition | null {
  const m = /^(\d+)\.0\|\|(\d+)\|$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return m ? { ts: Number(m[1]), id: Number(m[2]) } : null;
}

const exportTs = (t: TicketRecord): number => unixSeconds(t.updatedMs);
const after = (t: TicketRecord, p: ExportPosition): boolean => exportTs(t) > p.ts || (exportTs(t) === p.ts && t.id > p.id);

/** One page of the export: pure, so the ordering and window rules can be tested on their own. */
export function exportPage(
  tickets: Iterable<TicketRecord>,
  from: ExportPosition,
  cutoffTs: number,
  perPage: number,
): { items: TicketRecord[]; next: ExportPosition; endOfStream: boolean } {
  const eligible = [...tickets]
    .filter((t) => after(t, from) && exportTs(t) <= cutoffTs)
    .sort((a, b) => exportTs(a) - exportTs(b) || a.id - b.id);
  const items = eligible.slice(0, perPage);
  const last = items.at(-1);
  return { items, next: last ? { ts: exportTs(last), id: last.id } : from, endOfStream: eligible.length <= perPage };
}

const MAX_PER_PAGE = 1000;

function intParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) throw badRequest('InvalidValue', `${name} must be an integer`);
  return Number(raw);
}

/** GET /api/v2/incremental/tickets/cursor(.json)?start_time=… | ?cursor=… */
export function handleTicketExport(req: SimRequest, data: ZendeskData, base: string, nowMs: number): SimResponse {
  const q = req.query;
  const nowTs = unixSeconds(nowMs);
  const perPage = Math.min(intParam(q, 'per_page') ?? MAX_PER_PAGE, MAX_PER_PAGE);
  if (perPage < 1) throw badRequest('InvalidValue', 'per_page must be between 1 and 1000');
  const cursor = q.get('cursor');
  let from: ExportPosition;
  if (cursor) {
    const decoded = decodeExportCursor(cursor);
    if (!decoded) throw badRequest('InvalidPaginationParameter', 'cursor is invalid');
    from = decoded;
  } else {
    const start = intParam(q, 'start_time');
    if (start === undefined) throw badRequest('InvalidValue', 'start_time or cursor is required');
    // Zendesk refuses a start time it cannot have data for yet (seen as 422 InvalidValue "Too recent start_time").
    if (start > nowTs)
      throw new ZendeskApiError(422, { error: 'InvalidValue', description: 'Too recent start_time. Use a start_time older than 1 minute' });
    from = { ts: start, id: 0 };
  }
  const excludeDeleted = q.get('exclude_deleted') === 'true';
  const pool = [...data.tickets.values()].filter((t) => !(excludeDeleted && t.deletedMs !== null));
  const page = exportPage(pool, from, nowTs - 60, perPage);

  const afterCursor = encodeExportCursor(page.next);
  const keep = new URLSearchParams();
  for (const k of ['per_page', 'include', 'exclude_deleted']) if (q.has(k)) keep.set(k, q.get(k)!);
  const url = (c: string) => {
    const p = new URLSearchParams(keep);
    p.set('cursor', c);
    return `${base}/api/v2/incremental/tickets/cursor.json?${p.toString()}`;
  };
  const body: Json = {
    tickets: page.items.map((t) => renderTicket(t, base, { forExport: true })),
    after_url: url(afterCursor),
    after_cursor: afterCursor,
    before_url: cursor ? url(cursor) : null,
    before_cursor: cursor ?? null,
    end_of_stream: page.endOfStream,
  };
  Object.assign(body, sideloadedUsers(q, data.users, page.items.flatMap((t) => [t.requesterId, t.submitterId, t.assigneeId]), base));
  const include = new Set((q.get('include') ?? '').split(',').map((s) => s.trim()));
  if (include.has('groups')) {
    const ids = new Set(page.items.map((t) => t.groupId).filter((x): x is number => x !== null));
    body.groups = [...ids].flatMap((id) => {
      const g = data.groups.get(id);
      return g ? [renderGroup(g, base, data.accountCreatedMs)] : [];
    });
  }
  return { status: 200, body };
}
