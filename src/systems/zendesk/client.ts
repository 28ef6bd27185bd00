import zendesk from 'node-zendesk';
import type { z } from 'zod';
import type { HttpClient } from '../../http/client.ts';
import {
  ZdCommentList,
  ZdCustomStatusList,
  ZdExportPage,
  ZdGroupList,
  ZdTicket,
  ZdTicketList,
  ZdUpdateResponse,
  ZdUser,
  ZdUserList,
  type ZdComment,
  type ZdCursorMeta,
  type ZdCustomStatus,
  type ZdGroup,
  type ZdUser as ZdUserT,
} from './schemas.ts';
import { zendeskTransport } from './transport.ts';

/** A response that does not have the documented shape. Carries the route and zod paths, never values. */
export class UnexpectedResponse extends Error {
  readonly route: string;
  constructor(route: string, issues: readonly z.core.$ZodIssue[]) {
    super(`zendesk ${route}: unexpected response (${issues.slice(0, 5).map((i) => `${i.path.join('.') || '<root>'}: ${i.message}`).join('; ')})`);
    this.route = route;
    this.name = 'UnexpectedResponse';
  }
}

/** A cursor that came back twice: following it would loop forever. */
export class CursorRepeated extends Error {
  constructor(route: string) {
    super(`zendesk ${route}: the API returned a cursor it had already returned`);
    this.name = 'CursorRepeated';
  }
}

function parse<S extends z.ZodType>(schema: S, data: unknown, route: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw new UnexpectedResponse(route, r.error.issues);
  return r.data;
}

/**
 * node-zendesk insists on building an Authorization header from its options; the transport drops it and
 * HttpClient applies the real credentials, so the SDK never holds them.
 */
const SDK_AUTH_PLACEHOLDER = 'applied-by-http-client';

/** Page size of list endpoints (the documented maximum for `page[size]`). */
const LIST_PAGE_SIZE = 100;

const TicketWithSideloads = ZdTicket.extend({ requester: ZdUser.nullish(), assignee: ZdUser.nullish() });

export type ExportQuery = { cursor: string } | { startTime: number };

/**
 * One method per Zendesk endpoint the adapter uses; each returns the parsed raw shape.
 * node-zendesk (over our HttpClient through its transport hook) serves the plain calls. HttpClient is called
 * directly where the SDK gets in the way: cursor lists (the SDK's `getAll` follows `links.next` without
 * looking at `meta.has_more`), the cursor export (`tickets.incremental()` is the time-based one), custom
 * statuses (no SDK method) and comment-bearing updates (the SDK keeps only `ticket` from the answer and
 * drops the audit that holds the new comment id; and such a PUT must be marked non-idempotent).
 */
export class ZendeskApi {
  readonly http: HttpClient;
  readonly baseUrl: string;
  private readonly sdk: zendesk.ZendeskClient;

  constructor(http: HttpClient) {
    this.http = http;
    this.baseUrl = http.baseUrl;
    this.sdk = zendesk.createClient({
      endpointUri: `${this.baseUrl}/api/v2`,
      useOAuth: true,
      token: SDK_AUTH_PLACEHOLDER,
      throwOriginalException: true,
      debug: false,
      transportConfig: zendeskTransport(http, this.baseUrl),
    });
  }

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
  async me(): Promise<ZdUserT> {
    const { result } = await this.sdk.users.me();
    return parse(ZdUser, result, 'GET /api/v2/users/me');
  }

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#show-many-users
  async showManyUsers(ids: readonly number[]): Promise<ZdUserT[]> {
    const route = 'GET /api/v2/users/show_many.json';
    const users: ZdUserT[] = [];
    for (let i = 0; i < ids.length; i += LIST_PAGE_SIZE) {
      const res = await this.http.request({ method: 'GET', path: '/api/v2/users/show_many.json', params: { ids: ids.slice(i, i + LIST_PAGE_SIZE).join(',') }, route });
      users.push(...parse(ZdUserList, res.data, route).users);
    }
    return users;
  }

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket
  // Side-loading users: https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/side_loading/
  async showTicket(id: number): Promise<{ ticket: ZdTicket; users: ZdUserT[] }> {
    // The SDK unwraps `ticket` and attaches the side-loaded requester/assignee user objects to it.
    const { result } = (await this.sdk.tickets.get(['tickets', id, { include: 'users' }])) as unknown as { result: unknown };
    const t = parse(TicketWithSideloads, result, 'GET /api/v2/tickets/{id}');
    const users = [t.requester, t.assignee].filter((u): u is ZdUserT => !!u);
    return { ticket: t, users };
  }

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket
  async createTicket(payload: { ticket: Record<string, unknown> }): Promise<ZdTicket> {
    const { result } = await this.sdk.tickets.create(payload);
    return parse(ZdTicket, result, 'POST /api/v2/tickets');
  }

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
  /** Field-only update: safe to repeat (the transport marks a PUT without a comment idempotent). */
  async updateTicketFields(id: number, payload: { ticket: Record<string, unknown> }): Promise<ZdTicket> {
    if ('comment' in payload.ticket) throw new Error('updateTicketFields must not carry a comment');
    const { result } = await this.sdk.tickets.update(id, payload);
    return parse(ZdTicket, result, 'PUT /api/v2/tickets/{id}');
  }

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
  // Comments exist only through a ticket update; the answer's audit carries the new Comment event (its id is the comment id).
  async updateWithComment(id: number, payload: { ticket: Record<string, unknown> }): Promise<z.infer<typeof ZdUpdateResponse>> {
    const route = 'PUT /api/v2/tickets/{id}.json';
    const res = await this.http.request({ method: 'PUT', path: `/api/v2/tickets/${id}.json`, body: payload, idempotent: false, route });
    return parse(ZdUpdateResponse, res.data, route);
  }

  // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments
  /** Every comment, oldest first, with their authors side-loaded. */
  async listComments(ticketId: number): Promise<{ comments: ZdComment[]; users: ZdUserT[] }> {
    const comments: ZdComment[] = [];
    const users: ZdUserT[] = [];
    for await (const page of this.cursorPages(`/api/v2/tickets/${ticketId}/comments.json`, { include: 'users', sort_order: 'asc' }, ZdCommentList, 'GET /api/v2/tickets/{id}/comments.json')) {
      comments.push(...page.comments);
      users.push(...(page.users ?? []));
    }
    return { comments, users };
  }

  // https://developer.zendesk.com/api-reference/ticketing/groups/groups/#list-groups
  async listGroups(): Promise<ZdGroup[]> {
    const groups: ZdGroup[] = [];
    for await (const page of this.cursorPages('/api/v2/groups.json', {}, ZdGroupList, 'GET /api/v2/groups.json')) groups.push(...page.groups);
    return groups;
  }

  // https://developer.zendesk.com/api-reference/ticketing/tickets/custom_ticket_statuses/#list-custom-ticket-statuses
  async listCustomStatuses(): Promise<ZdCustomStatus[]> {
    const route = 'GET /api/v2/custom_statuses.json';
    const res = await this.http.request({ method: 'GET', path: '/api/v2/custom_statuses.json', route });
    return parse(ZdCustomStatusList, res.data, route).custom_statuses;
  }

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-tickets (external_id filter;
  // external ids need not be unique, so this can answer several tickets)
  async ticketsByExternalId(externalId: string): Promise<ZdTicket[]> {
    const tickets: ZdTicket[] = [];
    for await (const page of this.cursorPages('/api/v2/tickets.json', { external_id: externalId }, ZdTicketList, 'GET /api/v2/tickets.json'))
      tickets.push(...page.tickets);
    return tickets;
  }

  // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based
  async exportPage(query: ExportQuery, perPage: number): Promise<ZdExportPage> {
    const route = 'GET /api/v2/incremental/tickets/cursor.json';
    const params = 'cursor' in query ? { cursor: query.cursor } : { start_time: query.startTime };
    const res = await this.http.request({
      method: 'GET',
      path: '/api/v2/incremental/tickets/cursor.json',
      params: { ...params, per_page: perPage, include: 'users' },
      route,
    });
    return parse(ZdExportPage, res.data, route);
  }

  /**
   * Cursor pagination of list endpoints: `page[size]`, then `page[after]=meta.after_cursor` while
   * `meta.has_more`. https://developer.zendesk.com/api-reference/introduction/pagination/#using-cursor-pagination
   */
  private async *cursorPages<S extends z.ZodType<z.infer<typeof ZdCursorMeta>>>(
    path: string,
    params: Record<string, string>,
    schema: S,
    route: string,
  ): AsyncGenerator<z.infer<S>> {
    const seen = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const res = await this.http.request({
        method: 'GET',
        path,
        params: { ...params, 'page[size]': LIST_PAGE_SIZE, ...(after !== undefined ? { 'page[after]': after } : {}) },
        route,
      });
      const page = parse(schema, res.data, route);
      yield page;
      const next = page.meta?.has_more ? page.meta.after_cursor : null;
      if (!next) return;
      if (seen.has(next)) throw new CursorRepeated(route);
      seen.add((after = next));
    }
  }
}
