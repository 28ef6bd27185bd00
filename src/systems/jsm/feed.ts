import { z } from 'zod';
import { Transient } from '../../http/index.ts';
import type { Ticket } from '../../model/index.ts';
import type { ChangePage } from '../../ports/ticket-system.ts';
import { decodeStoredCheckpoint } from '../checkpoint.ts';
import { feedJql } from './jql.ts';
import type { JiraIssue, JiraSearchPage } from './schemas.ts';

/** The search handed back the token it was given: paging on would loop forever. */
export class FeedStuck extends Transient {
  constructor(route: string) {
    super('search returned a nextPageToken already followed', { system: 'jsm', method: 'POST', route }, false);
  }
}

/** Where the JSM feed resumes: the newest `updated` seen so far (ISO). Opaque to everyone else. */
const Checkpoint = z.object({ v: z.literal(1), since: z.iso.datetime({ offset: true }) });
type Checkpoint = z.infer<typeof Checkpoint>;

export function encodeCheckpoint(sinceIso: string): string {
  return JSON.stringify({ v: 1, since: sinceIso } satisfies Checkpoint);
}

export function decodeCheckpoint(raw: string): Checkpoint {
  return decodeStoredCheckpoint(Checkpoint, raw, 'jsm');
}

export interface SearchRequest {
  jql: string;
  fields: string[];
  maxResults: number;
  nextPageToken?: string;
}

export interface FeedDeps {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
  search(req: SearchRequest): Promise<JiraSearchPage>;
  toTicket(issue: JiraIssue): Ticket;
  /** Time zone JQL dates are read in (the integration user's profile). */
  timeZone(): Promise<string>;
}

export interface FeedOptions {
  projectKey: string;
  scopeJql?: string;
  /** First sync starts here when there is no checkpoint. */
  startFrom: Date;
  pageSize: number;
  fields: string[];
}

/**
 * Issues updated since the checkpoint, oldest first, one page per search call. Every page carries a
 * checkpoint (the newest `updated` so far); the next run starts a minute before it, so pages overlap
 * and an issue may come twice: the engine's diff makes a repeat a no-op.
 */
export async function* jsmChanges(deps: FeedDeps, opts: FeedOptions, checkpoint: string | null): AsyncGenerator<ChangePage> {
  let since = checkpoint === null ? opts.startFrom.toISOString() : decodeCheckpoint(checkpoint).since;
  const jql = feedJql({
    projectKey: opts.projectKey,
    ...(opts.scopeJql ? { scopeJql: opts.scopeJql } : {}),
    sinceMs: Date.parse(since),
    timeZone: await deps.timeZone(),
  });
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await deps.search({ jql, fields: opts.fields, maxResults: opts.pageSize, ...(token ? { nextPageToken: token } : {}) });
    const tickets = page.issues.map((i) => deps.toTicket(i));
    for (const t of tickets) if (Date.parse(t.updatedAt) > Date.parse(since)) since = t.updatedAt;
    yield { tickets, checkpoint: encodeCheckpoint(since) };
    const next = page.nextPageToken ?? undefined;
    if (!next || page.isLast === true) return;
    if (seen.has(next)) throw new FeedStuck('POST /rest/api/3/search/jql');
    seen.add(next);
    token = next;
  }
}
