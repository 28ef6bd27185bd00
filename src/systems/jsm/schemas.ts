import { z } from 'zod';

/**
 * Raw shapes of what Jira Cloud (REST v3) and JSM (servicedeskapi) return, parsed loosely: unknown
 * fields pass through, known fields are checked, enum-like values stay plain strings so that a new
 * value from Atlassian does not break a sync. Mappers (mappers.ts) turn these into the model.
 */

/** Jira timestamps: `2021-01-17T12:34:00.000+0000` strings (jira.js coerces some of them to Date first). */
export const JiraDate = z.union([z.string(), z.date(), z.number()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(typeof v === 'string' ? normaliseOffset(v) : v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a date' });
    return z.NEVER;
  }
  return d.toISOString();
});

/** `+0000` → `+00:00`: Jira's offset form is not ISO 8601 extended, which some parsers refuse. */
function normaliseOffset(s: string): string {
  return s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
export const JiraUser = z.looseObject({
  accountId: z.string(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  timeZone: z.string().optional(),
  active: z.boolean().optional(),
});
export type JiraUser = z.infer<typeof JiraUser>;

export const NamedRef = z.looseObject({ id: z.string().optional(), name: z.string() });

export const JiraStatus = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  statusCategory: z.looseObject({ key: z.string().optional(), name: z.string().optional() }).optional(),
});

/** The value of the "Customer Request Type" field (customfield_10010) on a JSM issue. */
export const RequestTypeFieldValue = z.looseObject({
  requestType: z
    .looseObject({ id: z.string(), name: z.string().optional(), issueTypeId: z.string().optional() })
    .optional(),
  currentStatus: z.looseObject({ status: z.string().optional() }).optional(),
});

export const REQUEST_TYPE_FIELD = 'customfield_10010';

export const JiraIssueFields = z.looseObject({
  summary: z.string().nullish(),
  /** ADF in v3; a plain string in v2-shaped payloads (e.g. the vendor search example). */
  description: z.unknown().optional(),
  status: JiraStatus.nullish(),
  priority: NamedRef.nullish(),
  labels: z.array(z.string()).nullish(),
  reporter: JiraUser.nullish(),
  assignee: JiraUser.nullish(),
  issuetype: z.looseObject({ id: z.string(), name: z.string().optional() }).nullish(),
  project: z.looseObject({ id: z.string().optional(), key: z.string().optional() }).nullish(),
  created: JiraDate.optional(),
  updated: JiraDate.optional(),
  [REQUEST_TYPE_FIELD]: RequestTypeFieldValue.nullish(),
});

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
export const JiraIssue = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: JiraIssueFields,
});
export type JiraIssue = z.infer<typeof JiraIssue>;

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
export const JiraSearchPage = z.looseObject({
  issues: z.array(JiraIssue).default([]),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});
export type JiraSearchPage = z.infer<typeof JiraSearchPage>;

const EntityProperty = z.looseObject({ key: z.string(), value: z.unknown() });

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
export const JiraComment = z.looseObject({
  id: z.string(),
  author: JiraUser.nullish(),
  body: z.unknown(),
  created: JiraDate,
  /** Whether the customer sees it (JSM projects). Absent outside JSM. */
  jsdPublic: z.boolean().optional(),
  properties: z.array(EntityProperty).optional(),
  visibility: z.looseObject({ type: z.string().optional(), value: z.string().optional() }).nullish(),
});
export type JiraComment = z.infer<typeof JiraComment>;

export const JiraCommentPage = z.looseObject({
  comments: z.array(JiraComment).default([]),
  startAt: z.number().default(0),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
export const JiraTransition = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  to: JiraStatus.optional(),
});
export const JiraTransitions = z.looseObject({ transitions: z.array(JiraTransition).default([]) });
export type JiraTransition = z.infer<typeof JiraTransition>;

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
export const JiraCreatedIssue = z.looseObject({ id: z.string(), key: z.string() });

// https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-get
export const JsmRequestType = z.looseObject({
  id: z.string(),
  name: z.string(),
  issueTypeId: z.string().optional(),
  serviceDeskId: z.string().optional(),
  description: z.string().optional(),
});
export type JsmRequestType = z.infer<typeof JsmRequestType>;

// https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-queue-get
export const JsmQueue = z.looseObject({ id: z.string(), name: z.string(), jql: z.string().optional() });
export type JsmQueue = z.infer<typeof JsmQueue>;

/** servicedeskapi pages: `{ size, start, limit, isLastPage, values }`. */
export const jsmPage = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    values: z.array(item).default([]),
    start: z.number().optional(),
    limit: z.number().optional(),
    size: z.number().optional(),
    isLastPage: z.boolean().optional(),
  });

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-statuses-get
export const JiraProjectStatuses = z.array(
  z.looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    statuses: z.array(JiraStatus).default([]),
  }),
);

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
export const JiraField = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  custom: z.boolean().optional(),
  schema: z.looseObject({ type: z.string(), items: z.string().optional(), custom: z.string().optional() }).optional(),
});
export type JiraField = z.infer<typeof JiraField>;
export const JiraFields = z.array(JiraField);
