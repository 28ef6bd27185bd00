import { HttpClient, type HttpAuth } from '../../http/client.ts';
import type { Connection } from '../../config/schema.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Clock } from '../../ports/clock.ts';
import { ZendeskSystem } from './system.ts';

/** The route key every ticket update (field change, comment, stamp) is counted under. */
export const UPDATE_TICKET_ROUTE = 'PUT /api/v2/tickets/{id}.json';

export interface ConnectZendeskOptions {
  logger: Logger;
  connectionId: string;
  clock?: Clock;
}

/**
 * Auth for the Zendesk API: an API token is Basic `{email}/token:{token}`, OAuth is a Bearer token.
 * https://developer.zendesk.com/api-reference/introduction/security-and-auth/
 */
export function zendeskAuth(auth: Connection['zendesk']['auth']): HttpAuth {
  return auth.type === 'token'
    ? { kind: 'basic', username: `${auth.email}/token`, password: auth.token }
    : { kind: 'bearer', token: auth.accessToken };
}

/** Builds the Zendesk system of one connection (config side with `${VAR}`s already resolved). */
export function connectZendesk(side: Connection['zendesk'], opts: ConnectZendeskOptions): ZendeskSystem {
  const logger = opts.logger.child({ connection: opts.connectionId, system: 'zendesk' });
  const http = new HttpClient({
    system: 'zendesk',
    baseUrl: side.url,
    auth: zendeskAuth(side.auth),
    requestsPerMinute: side.requestsPerMinute,
    // https://developer.zendesk.com/api-reference/introduction/rate-limits/#update-ticket-endpoint-rate-limits
    routeBudgets: { [UPDATE_TICKET_ROUTE]: side.ticketUpdatesPerMinute },
    logger,
  });
  return new ZendeskSystem({
    http,
    logger,
    ...(side.startFrom ? { startFrom: new Date(side.startFrom) } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
}
