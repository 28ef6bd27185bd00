import type { SimHarness } from '../harness.ts';
import { answer, badRequest, notFound } from './errors.ts';
import { handleTicketExport } from './export.ts';
import { paginate } from './pagination.ts';
import { renderCustomStatus, renderGroup, renderTicketFields, renderUser } from './render.ts';
import { idList, ticketId, type RouteContext } from './routes-tickets.ts';
import type { UserRecord } from './universe.ts';

/** Users, groups, custom statuses, ticket fields and the incremental export. */
export function registerAccountRoutes(h: SimHarness, ctx: RouteContext): void {
  const { data } = ctx;
  const user = (u: UserRecord) => renderUser(u, ctx.base());

  // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based
  h.route('GET', '/api/v2/incremental/tickets/cursor', (req) => answer(() => handleTicketExport(req, data, ctx.base(), ctx.now())));

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
  h.route('GET', '/api/v2/users/me', (req) => answer(() => ({ status: 200, body: { user: user(data.users.get(ctx.actorId(req))!) } })));

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#show-many-users
  h.route('GET', '/api/v2/users/show_many', (req) =>
    answer(() => {
      const users = idList(req.query.get('ids')).flatMap((id) => {
        const u = data.users.get(id);
        return u ? [user(u)] : [];
      });
      return { status: 200, body: { users } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#search-users
  // `query` takes Zendesk search syntax; the simulator understands `email:x` and free text (name or email).
  h.route('GET', '/api/v2/users/search', (req) =>
    answer(() => {
      const query = (req.query.get('query') ?? '').trim().toLowerCase();
      if (!query) throw badRequest('InvalidValue', 'query is required');
      const email = /^email:"?([^"\s]+)"?$/.exec(query)?.[1];
      const matches = [...data.users.values()].filter((u) =>
        email !== undefined ? u.email.toLowerCase() === email : u.email.toLowerCase().includes(query) || u.name.toLowerCase().includes(query),
      );
      return { status: 200, body: paginate(matches.map(user), req.query, { key: 'users', base: ctx.base(), path: '/api/v2/users/search' }) };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#list-users
  h.route('GET', '/api/v2/users', (req) =>
    answer(() => {
      const roles = req.query.getAll('role[]').concat(req.query.getAll('role'));
      const list = [...data.users.values()].filter((u) => roles.length === 0 || roles.includes(u.role));
      return { status: 200, body: paginate(list.map(user), req.query, { key: 'users', base: ctx.base(), path: '/api/v2/users' }) };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#show-user
  h.route('GET', '/api/v2/users/:id', (req) =>
    answer(() => {
      const u = data.users.get(ticketId(req.params.id));
      if (!u) throw notFound();
      return { status: 200, body: { user: user(u) } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/groups/groups/#list-groups
  h.route('GET', '/api/v2/groups', (req) =>
    answer(() => {
      const groups = [...data.groups.values()].map((g) => renderGroup(g, ctx.base(), data.accountCreatedMs));
      return { status: 200, body: paginate(groups, req.query, { key: 'groups', base: ctx.base(), path: '/api/v2/groups' }) };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/groups/groups/#show-group
  h.route('GET', '/api/v2/groups/:id', (req) =>
    answer(() => {
      const g = data.groups.get(ticketId(req.params.id));
      if (!g) throw notFound();
      return { status: 200, body: { group: renderGroup(g, ctx.base(), data.accountCreatedMs) } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/custom_ticket_statuses/#list-custom-ticket-statuses
  h.route('GET', '/api/v2/custom_statuses', (req) =>
    answer(() => {
      const categories = (req.query.get('status_categories') ?? '').split(',').filter(Boolean);
      const active = req.query.get('active');
      const list = [...data.customStatuses.values()].filter(
        (s) => (categories.length === 0 || categories.includes(s.category)) && (active === null || String(s.active) === active),
      );
      return { status: 200, body: { custom_statuses: list.map((s) => renderCustomStatus(s, ctx.base(), data.accountCreatedMs)) } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/custom_ticket_statuses/#show-custom-ticket-status
  h.route('GET', '/api/v2/custom_statuses/:id', (req) =>
    answer(() => {
      const s = data.customStatuses.get(ticketId(req.params.id));
      if (!s) throw notFound();
      return { status: 200, body: { custom_status: renderCustomStatus(s, ctx.base(), data.accountCreatedMs) } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/#list-ticket-fields
  h.route('GET', '/api/v2/ticket_fields', () =>
    answer(() => {
      const fields = renderTicketFields([...data.ticketFields.values()], ctx.base(), data.accountCreatedMs);
      return { status: 200, body: { ticket_fields: fields, next_page: null, previous_page: null, count: fields.length } };
    }),
  );

  // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/#show-ticket-field
  h.route('GET', '/api/v2/ticket_fields/:id', (req) =>
    answer(() => {
      const id = ticketId(req.params.id);
      const field = renderTicketFields([...data.ticketFields.values()], ctx.base(), data.accountCreatedMs).find((f) => f.id === id);
      if (!field) throw notFound();
      return { status: 200, body: { ticket_field: field } };
    }),
  );
}
