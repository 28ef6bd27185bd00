import { agentReplies, chance, customerReplies, fillSubject, int, internalNotes, pick, subjects, type Rnd, type Topic } from '../seed-words.ts';
import type { ZendeskData } from './data.ts';
import { via } from './records.ts';
import type { TicketWrite } from './schemas.ts';
import { commentHtml, descriptionHtml } from './seed-html.ts';
import { END_USER_COUNT, FIRST_END_USER_ID, IMPACT_FIELD_ID, type TicketPriority, type TicketType } from './universe.ts';

/**
 * Seeds realistic tickets through the same write paths as the API, as requesters and agents would have
 * made them over the last days: created on the web, by email or by a monitoring integration, then worked
 * with public replies and internal notes, and left in every status (custom ones and closed included).
 * All timestamps are at least two minutes old, so the incremental export sees the whole seed at once.
 */

const DAY = 86_400_000;
const MIN = 60_000;

/** Where each topic usually lands, and what it is tagged with. */
const TOPIC_PROFILE: Record<Topic, { group: number; tags: string[]; types: (TicketType | null)[]; priorities: (TicketPriority | null)[] }> = {
  sign_in: { group: 9001, tags: ['sign_in'], types: ['question', 'incident'], priorities: ['normal', 'low', 'high'] },
  timeout: { group: 9001, tags: ['timeout'], types: ['incident', 'problem'], priorities: ['normal', 'high'] },
  performance: { group: 9002, tags: ['performance', 'timeout'], types: ['incident', 'problem'], priorities: ['normal', 'high'] },
  monitoring: { group: 9002, tags: ['alert', 'monitoring'], types: ['incident'], priorities: ['high', 'normal', 'urgent'] },
  vulnerability: { group: 9002, tags: ['vulnerability', 'security'], types: ['task', 'problem'], priorities: ['normal', 'high'] },
  breach: { group: 9003, tags: ['breach', 'security'], types: ['incident'], priorities: ['urgent', 'high'] },
  outage: { group: 9003, tags: ['outage'], types: ['incident', 'problem'], priorities: ['urgent', 'high'] },
  payments: { group: 9001, tags: ['payments'], types: ['question', 'incident'], priorities: ['normal', 'high', null] },
  accessibility: { group: 9001, tags: ['accessibility'], types: ['question', 'task'], priorities: ['normal', 'low'] },
  access_request: { group: 9001, tags: ['access_request'], types: ['task'], priorities: ['low', 'normal'] },
  data_request: { group: 9001, tags: ['data_request', 'gdpr'], types: ['question', 'task'], priorities: ['normal', null] },
  hardware: { group: 9001, tags: ['hardware'], types: ['incident', 'question', null], priorities: ['low', 'normal'] },
};

/** Final state of a seeded ticket: a system status or a custom status id. */
type Outcome = { status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' } | { customStatusId: 7001 | 7002 };
const OUTCOMES: Outcome[] = [
  { status: 'new' },
  { status: 'open' },
  { status: 'pending' },
  { status: 'hold' },
  { status: 'solved' },
  { status: 'closed' },
  { customStatusId: 7001 },
  { customStatusId: 7002 },
];
const WEIGHTED: Outcome[] = [0, 0, 1, 1, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 7].map((i) => OUTCOMES[i]!);

const agentsOf = (group: number): number[] => (group === 9001 ? [101, 102, 103] : group === 9002 ? [104, 105, 106] : [107, 108]);

/** Seeds `count` tickets; returns their ids. `nowMs` is the sim clock's now. */
export function seedTickets(data: ZendeskData, rnd: Rnd, count: number, nowMs: number): number[] {
  const monitoring = data.userByEmail('monitoring-alerts@example.gov.uk') ?? data.createEndUser('Monitoring Alerts', 'monitoring-alerts@example.gov.uk');
  const latest = nowMs - 2 * MIN;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    // The first eight cover every outcome; the rest follow a realistic mix.
    const outcome = i < OUTCOMES.length ? OUTCOMES[i]! : pick(rnd, WEIGHTED);
    ids.push(seedOne(data, rnd, outcome, monitoring.id, latest));
  }
  return ids;
}

function seedOne(data: ZendeskData, rnd: Rnd, outcome: Outcome, monitoringUserId: number, latest: number): number {
  const template = pick(rnd, subjects);
  const profile = TOPIC_PROFILE[template.topic];
  const group = chance(rnd, 0.85) ? profile.group : pick(rnd, [9001, 9002, 9003]);
  const isAlert = template.topic === 'monitoring';
  const requester = isAlert ? monitoringUserId : FIRST_END_USER_ID + int(rnd, 0, END_USER_COUNT - 1);
  const channel = isAlert ? 'api' : pick(rnd, ['web', 'web', 'email', 'email', 'api']);
  const impact = template.topic === 'outage' || template.topic === 'breach' ? 'impact_high' : chance(rnd, 0.6) ? pick(rnd, ['impact_low', 'impact_medium', 'impact_high']) : null;
  const tags = [...profile.tags, ...(chance(rnd, 0.2) ? ['vip'] : []), ...(channel === 'email' ? ['email_in'] : [])];

  let at = latest - int(rnd, 2 * 60, 14 * 24 * 60) * MIN;
  const step = () => (at = Math.min(latest, at + int(rnd, 5, 24 * 60) * MIN));
  const create: TicketWrite = {
    subject: fillSubject(rnd, template),
    comment: { html_body: descriptionHtml(rnd, template.topic), public: true },
    requester_id: requester,
    group_id: group,
    priority: pick(rnd, profile.priorities),
    type: pick(rnd, profile.types),
    tags,
    custom_fields: [{ id: IMPACT_FIELD_ID, value: impact }],
  };
  const { ticket } = data.createTicket(create, { actorId: requester, via: via(channel), at });
  if ('status' in outcome && outcome.status === 'new') return ticket.id;

  const agents = agentsOf(group);
  const assignee = pick(rnd, agents);
  const ui = via('web');
  for (let c = int(rnd, 0, 5); c > 0; c--) {
    step();
    const kind = pick(rnd, ['public', 'public', 'internal', 'customer'] as const);
    if (kind === 'customer' && !isAlert) {
      data.updateTicket(ticket.id, { comment: { html_body: commentHtml(rnd, pick(rnd, customerReplies)) } }, { actorId: requester, via: via(channel), at });
    } else {
      const author = kind === 'internal' ? pick(rnd, agents) : assignee;
      const sentence = kind === 'internal' ? pick(rnd, internalNotes) : pick(rnd, agentReplies);
      data.updateTicket(ticket.id, { comment: { html_body: commentHtml(rnd, sentence), public: kind !== 'internal' } }, { actorId: author, via: ui, at });
    }
  }
  step();
  const final: TicketWrite =
    'customStatusId' in outcome
      ? { assignee_id: assignee, custom_status_id: outcome.customStatusId }
      : { assignee_id: assignee, status: outcome.status === 'closed' ? 'solved' : outcome.status };
  data.updateTicket(ticket.id, final, { actorId: assignee, via: ui, at });
  if ('status' in outcome && outcome.status === 'closed') {
    // Zendesk closes solved tickets automatically some days later.
    at = Math.min(latest, at + int(rnd, 1, 4) * DAY);
    data.updateTicket(ticket.id, { status: 'closed' }, { actorId: assignee, via: via('rule'), at });
  }
  return ticket.id;
}
