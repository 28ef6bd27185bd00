import type { Connection } from '../../config/schema.ts';
import { HttpClient, type HttpAuth } from '../../http/index.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Clock } from '../../ports/clock.ts';
import { JsmSystem } from './system.ts';

export interface ConnectJsmOptions {
  logger: Logger;
  connectionId: string;
  clock?: Clock;
  /** The connection's `scope.jsm.jql`, ANDed into the feed. */
  scopeJql?: string;
  /** Jira field ids of the connection's custom field maps (read with every issue). */
  customFieldIds?: string[];
  pageSize?: number;
}

/**
 * Auth per https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/ (Basic
 * `email:api_token`) and OAuth 2.0 (3LO) bearer tokens.
 */
export function jsmAuth(auth: Connection['jsm']['auth']): HttpAuth {
  return auth.type === 'token'
    ? { kind: 'basic', username: auth.email, password: auth.token }
    : { kind: 'bearer', token: auth.accessToken };
}

/** Builds the JSM side of a connection (config with `${VAR}`s already resolved) on its own HttpClient. */
export function connectJsm(side: Connection['jsm'], opts: ConnectJsmOptions): JsmSystem {
  const logger = opts.logger.child({ connection: opts.connectionId });
  const http = new HttpClient({ system: 'jsm', baseUrl: side.url, auth: jsmAuth(side.auth), requestsPerMinute: side.requestsPerMinute, logger });
  return new JsmSystem({
    http,
    logger,
    projectKey: side.projectKey,
    serviceDeskId: side.serviceDeskId,
    siteUrl: side.url,
    connectionId: opts.connectionId,
    defaultRequestType: side.defaultRequestType,
    ...(side.startFrom ? { startFrom: new Date(side.startFrom) } : {}),
    ...(opts.scopeJql ? { scopeJql: opts.scopeJql } : {}),
    ...(opts.customFieldIds ? { customFieldIds: opts.customFieldIds } : {}),
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
}
