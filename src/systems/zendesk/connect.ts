import { HttpClient, type HttpAuth } from '../../http/client.ts';
import type { Connection } from '../../config/schema.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Clock } from '../../ports/clock.ts';
import { ZendeskSystem } from './system.ts';

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
    logger,
  });
  return new ZendeskSystem({
    http,
    logger,
    ...(side.startFrom ? { startFrom: new Date(side.startFrom) } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
}
