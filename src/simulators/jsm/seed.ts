import {
  agentReplies, bodyParagraphs, chance, customerReplies, fillSubject, int, internalNotes, links, logSnippets, pick, subjects,
  type Rnd, type Topic,
} from '../seed-words.ts';
import { bulletList, codeBlock, doc, link, paragraph, table, text, textToAdf, type AdfDoc, type AdfNode } from './adf.ts';
import type { Impact, JsmStore, SimIssue } from './store.ts';
import { agents, customers, findStatus, impactOptions, priorities, requestTypes, statuses } from './universe.ts';

/**
 * Seeds realistic issues: all four request types, every workflow status, priorities, Impact on incidents, ADF
 * descriptions (paragraphs, lists, code, links, tables) and 0–5 public and internal comments, all in the past of
 * the simulator clock. Deterministic for a given PRNG.
 */

const topicsByRequestType: Record<string, Topic[]> = {
  '10': ['sign_in', 'payments', 'accessibility', 'access_request', 'data_request', 'hardware', 'timeout'],
  '11': ['timeout', 'performance', 'monitoring', 'vulnerability'],
  '12': ['breach', 'vulnerability'],
  '13': ['outage', 'monitoring'],
};

const labelsByTopic: Partial<Record<Topic, string>> = {
  monitoring: 'monitoring-alert', vulnerability: 'vuln-scan', breach: 'data-protection', outage: 'major-incident',
  accessibility: 'accessibility', payments: 'gov-uk-pay', data_request: 'information-rights',
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function description(rnd: Rnd, topic: Topic): AdfDoc {
  const blocks: AdfNode[] = bodyParagraphs(rnd, topic).map((p) => paragraph(text(p)));
  if (chance(rnd, 0.4)) {
    blocks.push(paragraph(text('Steps to reproduce:', [{ type: 'strong' }])));
    blocks.push(bulletList(['Open the service start page', 'Sign in with a test account', 'Submit the form']));
  }
  if (['monitoring', 'vulnerability', 'timeout', 'performance', 'outage'].includes(topic) ? chance(rnd, 0.6) : chance(rnd, 0.1))
    blocks.push(codeBlock(pick(rnd, logSnippets)));
  if (chance(rnd, 0.25)) {
    const l = pick(rnd, links);
    blocks.push(paragraph(text('See the '), link(l.text, l.href), text(' for details.')));
  }
  if (topic === 'monitoring' ? chance(rnd, 0.6) : chance(rnd, 0.05))
    blocks.push(table(['Check', 'Region', 'Result'], [['HTTPS health', 'eu-west-2', 'FAIL'], ['HTTPS health', 'eu-west-1', pick(rnd, ['FAIL', 'PASS'])]]));
  return doc(...blocks);
}

function seedOne(store: JsmStore, rnd: Rnd, n: number, now: number): SimIssue {
  const rt = n < requestTypes.length ? requestTypes[n]! : pick(rnd, [...Array(9).fill(requestTypes[0]), ...Array(6).fill(requestTypes[1]), requestTypes[2], requestTypes[2], requestTypes[3], requestTypes[3], requestTypes[3]]);
  const topic = pick(rnd, topicsByRequestType[rt.id]!);
  const template = pick(rnd, subjects.filter((t) => t.topic === topic));
  const status = n < statuses.length ? statuses[n]!.name : pick(rnd, ['Open', 'Waiting for support', 'Waiting for support', 'In progress', 'In progress', 'Waiting for customer', 'Pending', 'Resolved', 'Resolved', 'Closed']);
  const urgent = topic === 'outage' || topic === 'breach';
  const priority = urgent ? pick(rnd, ['Highest', 'High']) : pick(rnd, ['High', 'Medium', 'Medium', 'Medium', 'Low', 'Lowest']);
  const impact: Impact | null = rt.id === '11' || (rt.id !== '10' && chance(rnd, 0.6)) ? (pick(rnd, impactOptions).value as Impact) : null;
  const reporter = pick(rnd, customers);
  const label = labelsByTopic[topic];
  const labels = [...(label && chance(rnd, 0.7) ? [label] : []), ...(chance(rnd, 0.3) ? ['citizen-facing'] : [])];
  const created = now - int(rnd, 2 * HOUR, 45 * DAY);
  const span = now - created - HOUR;

  const issue = store.createIssue(
    {
      issueTypeId: rt.issueTypeId,
      requestTypeId: rt.id,
      summary: fillSubject(rnd, template),
      description: description(rnd, topic),
      priorityId: priorities.find((p) => p.name === priority)!.id,
      labels,
      impact,
      reporterId: reporter.accountId,
      status,
      created,
    },
    reporter.accountId,
  );

  const agent = pick(rnd, agents);
  if (!(status === 'Open' || status === 'Waiting for support') || chance(rnd, 0.5)) issue.assigneeId = agent.accountId;
  let t = created;
  const count = int(rnd, 0, 5);
  for (let c = 0; c < count; c++) {
    t = Math.min(t + Math.floor((span / (count + 1)) * (0.5 + rnd())), now - HOUR - (count - c) * 60_000);
    const kind = c === 0 ? pick(rnd, ['reply', 'note']) : pick(rnd, ['reply', 'note', 'customer']);
    if (kind === 'note') store.addComment(issue.id, { body: textToAdf(pick(rnd, internalNotes)), public: false, authorId: agent.accountId, created: t });
    else if (kind === 'reply') store.addComment(issue.id, { body: textToAdf(pick(rnd, agentReplies)), public: true, authorId: agent.accountId, created: t });
    else store.addComment(issue.id, { body: textToAdf(pick(rnd, customerReplies)), public: true, authorId: reporter.accountId, created: t });
  }
  if (t === created) t = created + Math.floor(rnd() * span);
  issue.statusChangedAt = Math.max(created, Math.min(t, now - HOUR));
  if (findStatus(status)!.category === 'done') issue.resolvedAt = issue.statusChangedAt;
  issue.updated = Math.max(issue.updated, issue.statusChangedAt);
  store.markIndexed(issue);
  return issue;
}

export function seedIssues(store: JsmStore, rnd: Rnd, count: number): SimIssue[] {
  const now = store.now();
  const out: SimIssue[] = [];
  const offset = store.all().length;
  for (let n = 0; n < count; n++) out.push(seedOne(store, rnd, offset + n, now));
  return out;
}
