import type { z } from 'zod';
import type { GroupRef } from '../../model/index.ts';
import type { JsmClients } from './client.ts';
import {
  JiraFields,
  JiraProjectStatuses,
  JiraUser,
  JsmQueue,
  JsmRequestType,
  jsmPage,
  type JiraField,
} from './schemas.ts';

/** A workflow status of the project, as JSM names it. */
export interface JsmStatusInfo {
  id?: string;
  name: string;
  /** Status category key: new, indeterminate, done. */
  category?: string;
}

/** Caches a promise; a failure is not cached, so the next call tries again. */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= fn().catch((err: unknown) => {
      p = undefined;
      throw err;
    });
    return p;
  };
}

const MAX_PAGES = 100;

/**
 * Slow-changing metadata of one service desk, read once per process: the integration user, request
 * types (with their issue types), queues, workflow statuses and field schemas.
 */
export class JsmCatalog {
  private readonly clients: JsmClients;
  private readonly serviceDeskId: string;
  private readonly projectKey: string;

  constructor(clients: JsmClients, serviceDeskId: string, projectKey: string) {
    this.clients = clients;
    this.serviceDeskId = serviceDeskId;
    this.projectKey = projectKey;
  }

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
  readonly me = once(async () => JiraUser.parse(await this.clients.jira.myself.getCurrentUser()));

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-get
  readonly requestTypes = once(() =>
    this.pages(JsmRequestType, (start, limit) =>
      this.clients.serviceDesk.servicedesk.getRequestTypes({ serviceDeskId: this.serviceDeskId, start, limit }),
    ),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-queue-get
  readonly queues = once(() =>
    this.pages(JsmQueue, (start, limit) => this.clients.serviceDesk.servicedesk.getQueues({ serviceDeskId: this.serviceDeskId, start, limit })),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-statuses-get
  readonly statuses = once(async (): Promise<JsmStatusInfo[]> => {
    const perType = JiraProjectStatuses.parse(await this.clients.jira.projects.getAllStatuses({ projectIdOrKey: this.projectKey }));
    const byName = new Map<string, JsmStatusInfo>();
    for (const t of perType)
      for (const s of t.statuses)
        if (!byName.has(s.name)) {
          const info: JsmStatusInfo = { name: s.name };
          if (s.id !== undefined) info.id = s.id;
          if (s.statusCategory?.key !== undefined) info.category = s.statusCategory.key;
          byName.set(s.name, info);
        }
    return [...byName.values()];
  });

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
  readonly fields = once(async (): Promise<ReadonlyMap<string, JiraField>> => {
    const list = JiraFields.parse(await this.clients.jira.issueFields.getFields());
    return new Map(list.map((f) => [f.id, f]));
  });

  /** A request type by id, else by name (exact, then case-insensitive). */
  async requestType(ref: GroupRef | string): Promise<JsmRequestType | undefined> {
    const all = await this.requestTypes();
    const id = typeof ref === 'string' ? ref : ref.id;
    const name = typeof ref === 'string' ? ref : ref.name;
    return (
      all.find((rt) => rt.id === id) ??
      (name !== undefined ? (all.find((rt) => rt.name === name) ?? all.find((rt) => rt.name.toLowerCase() === name.toLowerCase())) : undefined) ??
      (typeof ref !== 'string' ? all.find((rt) => rt.name === ref.id) : undefined)
    );
  }

  /** servicedeskapi paging: `start`/`limit` until `isLastPage`. */
  private async pages<S extends z.ZodType>(item: S, fetch: (start: number, limit: number) => Promise<unknown>): Promise<z.infer<S>[]> {
    const schema = jsmPage(item);
    const out: z.infer<S>[] = [];
    let start = 0;
    for (let n = 0; n < MAX_PAGES; n++) {
      const page = schema.parse(await fetch(start, 50));
      out.push(...page.values);
      if (page.isLastPage !== false || page.values.length === 0) break;
      start += page.values.length;
    }
    return out;
  }
}
