import type { SimHarness, SimRequest } from '../harness.ts';
import type { ZendeskData } from './data.ts';
import { answer, badRequest, fromZodError, notFound } from './errors.ts';
import { paginate } from './pagination.ts';
import { renderAudit, renderComment, renderTicket, sideloadedUsers } from './render.ts';
import { TicketBody, type TicketWrite } from './schemas.ts';

/** What every route module needs from the simulator. */
export interface RouteContext {
  data: ZendeskData;
  base(): string;
  /** The id of the user the request authenticated as. */
  actorId(req: SimRequest): number;
  now(): number;
}

export function ticketId(raw: string | undefined): number {
  if (!raw || !/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

export function ticketBody(body: unknown): TicketWrite {
  if (body === undefined) throw badRequest('InvalidParameter', 'ticket parameter is required');
  const parsed = TicketBody.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data.ticket;
}

export function idList(raw: string | null, max = 100): number[] {
  const ids = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0 || ids.some((s) => !/^\d+$/.test(s))) throw badRequest('InvalidValue', 'ids must be a comma-separated list of ids');
  if (ids.length > max) throw badRequest('InvalidValue', `ids accepts at most ${max} ids`);
  return ids.map(Number);
}

/** Tickets CRUD and ticket comments. Specific paths are registered before `:id`, which would swallow them. */
export function registerTicketRoutes(h: SimHarness, ctx: RouteContext): void {
  const { data } = ctx;

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-multiple-tickets
  h.route('GET', '/api/v2/tickets/show_many', (req) =>
    answer(() => {
      const tickets = idList(req.query.get('ids')).flatMap((id) => {
        const t = data.tickets.get(id);
        return t && t.deletedMs === null ? [renderTicket(t, ctx.base())] : [];
      });
      return { status: 200, body: { tickets } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-tickets (incl. `external_id` filter)
  h.route('GET', '/api/v2/tickets', (req) =>
    answer(() => {
      const externalId = req.query.get('external_id');
      const live = [...data.tickets.values()].filter((t) => t.deletedMs === null && (externalId === null || t.externalId === externalId));
      const items = live.sort((a, b) => a.id - b.id).map((t) => renderTicket(t, ctx.base()));
      return { status: 200, body: paginate(items, req.query, { key: 'tickets', base: ctx.base(), path: '/api/v2/tickets' }) };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket
  h.route('POST', '/api/v2/tickets', (req) =>
    answer(() => {
      const { ticket, audit } = data.createTicket(ticketBody(req.body), { actorId: ctx.actorId(req) });
      const url = `${ctx.base()}/api/v2/tickets/${ticket.id}.json`;
      return { status: 201, headers: { location: url }, body: { ticket: renderTicket(ticket, ctx.base()), audit: renderAudit(audit) } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket
  h.route('GET', '/api/v2/tickets/:id', (req) =>
    answer(() => {
      const t = data.liveTicket(ticketId(req.params.id));
      return { status: 200, body: { ticket: renderTicket(t, ctx.base()), ...sideloadedUsers(req.query, data.users, [t.requesterId, t.submitterId, t.assigneeId], ctx.base()) } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#protecting-against-ticket-update-collisions
  h.route('PUT', '/api/v2/tickets/:id', (req) =>
    answer(() => {
      const id = ticketId(req.params.id);
      data.liveTicket(id);
      const { ticket, audit } = data.updateTicket(id, ticketBody(req.body), { actorId: ctx.actorId(req) });
      return { status: 200, body: { ticket: renderTicket(ticket, ctx.base()), audit: renderAudit(audit) } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#delete-ticket
  h.route('DELETE', '/api/v2/tickets/:id', (req) =>
    answer(() => {
      data.deleteTicket(ticketId(req.params.id), ctx.now());
      return { status: 204 };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments
  h.route('GET', '/api/v2/tickets/:id/comments', (req) =>
    answer(() => {
      const id = ticketId(req.params.id);
      data.liveTicket(id);
      const desc = req.query.get('sort_order') === 'desc' || req.query.get('sort') === '-created_at';
      const records = data.comments(id);
      const items = records.map(renderComment);
      if (desc) items.reverse();
      const page = paginate(items, req.query, { key: 'comments', base: ctx.base(), path: `/api/v2/tickets/${id}/comments` });
      const authors = (page.comments as { author_id: number }[]).map((c) => c.author_id);
      return { status: 200, body: { ...page, ...sideloadedUsers(req.query, data.users, authors, ctx.base()) } };
    }),
  );
}
