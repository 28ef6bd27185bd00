import { z } from 'zod';
import { CanonicalStatus, Line, Priority } from '../model/index.ts';

/**
 * The mapping file, after `${VAR}` references are resolved. Objects are strict: an unknown key is
 * almost always a typo, and `load.ts` turns it into a "did you mean" error with file:line:col.
 */

/** A secret must come from the environment: `${VAR}` (resolved at load) — never inline. */
const secretRef = z
  .string()
  .regex(/^\$\{[A-Z_][A-Z0-9_]*\}$/, 'a ${ENV_VAR} reference (secrets are never written inline)');

const Auth = z.union([
  z.strictObject({ type: z.literal('token'), email: z.string().min(1), token: secretRef }),
  z.strictObject({ type: z.literal('oauth'), accessToken: secretRef }),
]);

export const Conflict = z.enum(['zendesk', 'jsm', 'newest', 'flag']);
export type ConflictPolicy = z.infer<typeof Conflict>;
export const Direction = z.enum(['both', 'to_jsm', 'to_zendesk', 'none']);
export type Direction = z.infer<typeof Direction>;

const FieldRule = z.strictObject({ direction: Direction.default('both'), conflict: Conflict.default('newest') });
export type FieldRule = z.infer<typeof FieldRule>;

export const BUILTIN_FIELDS = ['subject', 'description', 'status', 'priority', 'group', 'tags'] as const;
export type BuiltinField = (typeof BUILTIN_FIELDS)[number];

const ZendeskSide = z.strictObject({
  url: z.string().min(1),
  auth: Auth,
  /** Per-minute request budget for this account (plan limit, minus headroom for agents' own UI). */
  requestsPerMinute: z.number().int().positive().default(200),
  /** Zendesk group names this connection may use (group maps must name one of these). */
  groups: z.array(z.string().min(1)).default([]),
  /** Incremental export start for a first sync (ISO date); default: 30 days ago. */
  startFrom: z.string().optional(),
});

const JsmSide = z.strictObject({
  url: z.string().min(1),
  auth: Auth,
  requestsPerMinute: z.number().int().positive().default(300),
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]+$/, 'a Jira project key such as HELP'),
  serviceDeskId: z.string().min(1),
  /** Request type names this connection may use (group maps must name one of these). */
  requestTypes: z.array(z.string().min(1)).default([]),
  /** Request type for tickets created from Zendesk when no group map applies. */
  defaultRequestType: z.string().min(1),
  startFrom: z.string().optional(),
});

const Scope = z.strictObject({
  zendesk: z
    .strictObject({
      tags: z.array(z.string()).default([]),
      excludeTags: z.array(z.string()).default([]),
      groups: z.array(z.string()).default([]),
    })
    .default({ tags: [], excludeTags: [], groups: [] }),
  jsm: z.strictObject({ jql: z.string().optional(), requestTypes: z.array(z.string()).default([]) }).default({ requestTypes: [] }),
});

/** Native → canonical maps per side, plus optional canonical → native overrides for writing. */
const StatusMaps = z.strictObject({
  zendesk: z.record(z.string(), CanonicalStatus),
  jsm: z.record(z.string(), CanonicalStatus),
  toZendesk: z.partialRecord(CanonicalStatus, z.string()).default({}),
  toJsm: z.partialRecord(CanonicalStatus, z.string()).default({}),
});

const PriorityMaps = z.strictObject({
  zendesk: z.record(z.string(), Priority).default({ low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' }),
  jsm: z.record(z.string(), Priority),
  toZendesk: z.partialRecord(Priority, z.string()).default({}),
  toJsm: z.partialRecord(Priority, z.string()).default({}),
});

const GroupMap = z.strictObject({
  /** Logical name used across the config (routing rules, defaults). */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case name such as second-line'),
  line: Line.optional(),
  zendesk: z.string().min(1),
  jsm: z.strictObject({ requestType: z.string().min(1), queue: z.string().optional() }),
});
export type GroupMap = z.infer<typeof GroupMap>;

const CustomFieldMap = z.strictObject({
  name: z.string().min(1),
  zendesk: z.union([z.string(), z.number()]).transform(String),
  jsm: z.string().regex(/^customfield_\d+$/, 'a Jira field id such as customfield_10050'),
  direction: Direction.default('both'),
  conflict: Conflict.default('newest'),
  /** Map of zendesk value → jsm value for option fields; identity when absent. */
  values: z.record(z.string(), z.string()).optional(),
});
export type CustomFieldMap = z.infer<typeof CustomFieldMap>;

const Fields = z
  .strictObject(Object.fromEntries(BUILTIN_FIELDS.map((f) => [f, FieldRule.default({ direction: 'both', conflict: 'newest' })])) as Record<
    BuiltinField,
    z.ZodDefault<typeof FieldRule>
  >)
  .default(Object.fromEntries(BUILTIN_FIELDS.map((f) => [f, { direction: 'both', conflict: 'newest' }])) as Record<BuiltinField, FieldRule>);

const Comments = z
  .strictObject({
    sync: z.boolean().default(true),
    /** Prefix shown when the author is not mapped; `{name}` and `{system}` are filled in. */
    authorLabel: z.string().default('{name} via {system}'),
  })
  .default({ sync: true, authorLabel: '{name} via {system}' });

export const Connection = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]+$/, 'letters, digits and hyphens (it is written into link stamps)'),
  zendesk: ZendeskSide,
  jsm: JsmSide,
  /** Which way tickets are created: both, or only from one side. */
  direction: Direction.default('both'),
  scope: Scope.default({ zendesk: { tags: [], excludeTags: [], groups: [] }, jsm: { requestTypes: [] } }),
  statuses: StatusMaps,
  priorities: PriorityMaps,
  groups: z.array(GroupMap).default([]),
  fields: Fields,
  customFields: z.array(CustomFieldMap).default([]),
  comments: Comments,
  /** A change to a linked ticket that is closed in Zendesk: open a follow-up, or only report it. */
  closedTickets: z.enum(['followup', 'report']).default('report'),
  /** Seconds between polls in `sync` without --once. */
  pollSeconds: z.number().int().positive().default(60),
});
export type Connection = z.infer<typeof Connection>;

export const Store = z.union([
  z.strictObject({ sqlite: z.string().min(1) }),
  z.strictObject({ postgres: z.string().min(1) }),
]);

export const ConfigFile = z.strictObject({
  version: z.literal(1),
  store: Store.default({ sqlite: '.deskbridge/state.db' }),
  connections: z.array(Connection).min(1),
});
export type Config = z.infer<typeof ConfigFile>;
