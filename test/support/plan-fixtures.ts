import type { Connection } from '../../src/config/schema.ts';
import { fieldSpecs, planTicket, ticketFingerprints, toCanonical, type Op, type PlanInput } from '../../src/engine/index.ts';
import { linkStamp, plainDoc, type Comment, type Link, type Ticket } from '../../src/model/index.ts';
import type { BaseFingerprints } from '../../src/ports/state-store.ts';
import { JSM_ME, ZENDESK_ME, testConnection } from './engine-world.ts';

/** Builders for planTicket unit tests: a linked, fully synced pair that each test then changes. */

export const Z_ID = '4242';
export const J_ID = '10077';

export function zTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    ref: { system: 'zendesk', id: Z_ID },
    subject: 'Printer on floor 3 offline',
    description: plainDoc('The printer by the lifts shows error E-204.'),
    status: 'open',
    priority: 'high',
    group: { id: '9002', name: '2nd line' },
    requester: { id: '1001', name: 'Margaret Evans', email: 'margaret.evans@example.org' },
    assignee: null,
    tags: ['printer', 'floor_3'],
    customFields: { '360001': 'impact_medium' },
    channel: 'web',
    createdAt: '2025-03-01T09:00:00Z',
    updatedAt: '2025-03-02T09:00:00Z',
    linkStamp: linkStamp('demo', { system: 'jsm', id: J_ID }),
    closed: false,
    deleted: false,
    comments: [],
    ...over,
  };
}

export function jTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    ref: { system: 'jsm', id: J_ID, key: 'HELP-77' },
    subject: 'Printer on floor 3 offline',
    description: plainDoc('The printer by the lifts shows error E-204.'),
    status: 'In progress',
    priority: 'High',
    group: { id: '11', name: 'Report an incident' },
    requester: null,
    assignee: null,
    tags: ['printer', 'floor_3'],
    customFields: { customfield_10050: 'Medium' },
    channel: null,
    createdAt: '2025-03-01T09:00:05Z',
    updatedAt: '2025-03-02T09:00:00Z',
    linkStamp: linkStamp('demo', { system: 'zendesk', id: Z_ID }),
    closed: false,
    deleted: false,
    comments: [],
    ...over,
  };
}

export const LINK: Link = { connection: 'demo', zendeskId: Z_ID, jsmId: J_ID, jsmKey: 'HELP-77', createdAt: '2025-03-01T09:00:05Z', origin: 'zendesk' };

/** The base of a pair in sync at `t` (fingerprints of its canonical values). */
export function baseOf(t: Ticket, c: Connection = testConnection()): BaseFingerprints {
  const canon = toCanonical(c, t);
  if (!canon.ok) throw new Error('fixture ticket is not mappable');
  const fps = ticketFingerprints(fieldSpecs(c), canon.value);
  return { ...fps, 'description.zendesk': fps.description! };
}

export function comment(id: string, over: Partial<Comment> = {}): Comment {
  return {
    id,
    body: plainDoc(`Comment ${id}`),
    public: true,
    author: { id: '101', name: 'Priya Shah', email: 'priya.shah@example.org' },
    createdAt: '2025-03-02T10:00:00Z',
    attachments: [],
    ...over,
  };
}

export function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    connection: testConnection(),
    zendesk: zTicket(),
    jsm: jTicket(),
    link: LINK,
    base: baseOf(zTicket()),
    mappedComments: { zendesk: [], jsm: [] },
    me: { zendesk: ZENDESK_ME, jsm: JSM_ME },
    intents: [],
    ...over,
  };
}

export const plan = (over: Partial<PlanInput> = {}): Op[] => planTicket(input(over));

/** Ops without the bookkeeping `base` op, for assertions about what is written. */
export const writes = (ops: Op[]): Op[] => ops.filter((op) => op.kind !== 'base');

export const kinds = (ops: Op[]): string[] => ops.map((op) => op.kind);
