import { Connection } from '../../src/config/schema.ts';
import { syncConnection, type SyncDeps, type SyncSummary } from '../../src/engine/index.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import type { PersonRef } from '../../src/model/index.ts';
import { SqliteStore } from '../../src/store/sqlite-store.ts';
import { MemoryTicketSystem } from './memory-ticket-system.ts';

/**
 * A connection shaped like config/demo.yaml (the simulators' seed universe), for engine tests. Values
 * are resolved (no ${VAR}s): the schema still validates the shape and fills defaults.
 */
export function testConnection(overrides: Record<string, unknown> = {}): Connection {
  return Connection.parse({
    id: 'demo',
    zendesk: {
      url: 'https://dwp-help.zendesk.com',
      auth: { type: 'token', email: 'sync-bot@example.gov.uk', token: '${ZENDESK_TOKEN}' },
      groups: ['1st line', '2nd line', '3rd line'],
    },
    jsm: {
      url: 'https://dwp.atlassian.net',
      auth: { type: 'token', email: 'sync-bot@example.gov.uk', token: '${JSM_TOKEN}' },
      projectKey: 'HELP',
      serviceDeskId: '1',
      requestTypes: ['Get IT help', 'Report an incident', 'Report a security breach', 'Report an outage'],
      defaultRequestType: 'Get IT help',
    },
    statuses: {
      zendesk: { new: 'new', open: 'open', pending: 'waiting_on_customer', hold: 'on_hold', solved: 'resolved', closed: 'closed', 'custom:7001': 'open', 'custom:7002': 'on_hold' },
      jsm: {
        Open: 'new',
        'Waiting for support': 'open',
        'In progress': 'open',
        'Waiting for customer': 'waiting_on_customer',
        Pending: 'on_hold',
        Resolved: 'resolved',
        Closed: 'closed',
      },
      toJsm: { open: 'In progress' },
    },
    priorities: { jsm: { Highest: 'urgent', High: 'high', Medium: 'normal', Low: 'low', Lowest: 'low' }, toJsm: { low: 'Low' } },
    groups: [
      { name: 'first-line', line: 1, zendesk: '1st line', jsm: { requestType: 'Get IT help' } },
      { name: 'second-line', line: 2, zendesk: '2nd line', jsm: { requestType: 'Report an incident' } },
      { name: 'security-breach', line: 3, zendesk: '3rd line', jsm: { requestType: 'Report a security breach' } },
      { name: 'outage', line: 3, zendesk: '3rd line', jsm: { requestType: 'Report an outage' } },
    ],
    customFields: [{ name: 'impact', zendesk: '360001', jsm: 'customfield_10050', values: { impact_low: 'Low', impact_medium: 'Medium', impact_high: 'High' } }],
    closedTickets: 'report',
    ...overrides,
  });
}

export const ZENDESK_ME: PersonRef = { id: '100', name: 'Deskbridge Sync', email: 'sync-bot@example.gov.uk' };
export const JSM_ME: PersonRef = { id: '557058:deskbridge-sync', name: 'Deskbridge Sync', email: 'sync-bot@example.gov.uk' };
export const ZENDESK_AGENT: PersonRef = { id: '101', name: 'Priya Shah', email: 'priya.shah@example.org' };
export const JSM_AGENT: PersonRef = { id: '557058:agent-1', name: 'Tom Hughes', email: 'tom.hughes@example.org' };
export const CUSTOMER: PersonRef = { id: '1001', name: 'Margaret Evans', email: 'margaret.evans@example.org' };

export const ZENDESK_GROUPS = [
  { id: '9001', name: '1st line' },
  { id: '9002', name: '2nd line' },
  { id: '9003', name: '3rd line' },
];
export const REQUEST_TYPES = [
  { id: '10', name: 'Get IT help' },
  { id: '11', name: 'Report an incident' },
  { id: '12', name: 'Report a security breach' },
  { id: '13', name: 'Report an outage' },
];
export const JSM_STATUSES = ['Open', 'Waiting for support', 'In progress', 'Waiting for customer', 'Pending', 'Resolved', 'Closed'];

export interface World {
  connection: Connection;
  zendesk: MemoryTicketSystem;
  jsm: MemoryTicketSystem;
  store: SqliteStore;
  sync(extra?: Partial<SyncDeps>): Promise<SyncSummary>;
  deps(extra?: Partial<SyncDeps>): SyncDeps;
  close(): Promise<void>;
}

export async function createWorld(
  opts: { connection?: Connection; zendeskPageSize?: number; jsmPageSize?: number; jsmSearchLag?: number; jsmRequired?: string[]; jsmOverlap?: number } = {},
): Promise<World> {
  const connection = opts.connection ?? testConnection();
  const clock = { ms: Date.parse('2025-03-03T09:00:00Z') };
  const zendesk = new MemoryTicketSystem({
    system: 'zendesk',
    connectionId: connection.id,
    me: ZENDESK_ME,
    groups: ZENDESK_GROUPS,
    initialStatus: 'new',
    clock,
    statuses: ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'custom:7001', 'custom:7002'],
    ...(opts.zendeskPageSize ? { pageSize: opts.zendeskPageSize } : {}),
  });
  const jsm = new MemoryTicketSystem({
    system: 'jsm',
    connectionId: connection.id,
    me: JSM_ME,
    groups: REQUEST_TYPES,
    initialStatus: 'Waiting for support',
    clock,
    statuses: JSM_STATUSES,
    defaultGroup: 'Get IT help',
    defaultPriority: 'Medium',
    ...(opts.jsmPageSize ? { pageSize: opts.jsmPageSize } : {}),
    ...(opts.jsmSearchLag ? { searchLag: opts.jsmSearchLag } : {}),
    ...(opts.jsmRequired ? { requiredOnCreate: opts.jsmRequired } : {}),
    ...(opts.jsmOverlap ? { overlap: opts.jsmOverlap } : {}),
  });
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const deps = (extra: Partial<SyncDeps> = {}): SyncDeps => ({
    connection,
    zendesk,
    jsm,
    store,
    logger: silentLogger(),
    metrics: { zendesk: zendesk.metrics, jsm: jsm.metrics },
    readBack: { attempts: 4, waitMs: 0 },
    ...extra,
  });
  return { connection, zendesk, jsm, store, deps, sync: (extra) => syncConnection(deps(extra)), close: () => store.close() };
}
