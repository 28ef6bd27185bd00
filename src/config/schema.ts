import { z } from 'zod';
import { CanonicalStatus, Line, Priority } from '../model/index.ts';
import { hasEnvRef } from './env-refs.ts';
import { didYouMean } from './suggest.ts';

/**
 * The mapping file. Objects are strict: an unknown key is almost always a typo, and `load.ts` turns
 * it into a "did you mean" error with file:line:col. The schema validates the file as written, with
 * `${VAR}` references still in place; `resolveEnv` (env-refs.ts) substitutes them for the runtime.
 * Cross-field rules (every canonical status reachable, declared groups, …) live in cross-checks.ts.
 */

/** A secret must come from the environment: `${VAR}` (resolved at load) — never inline. */
const secretRef = z
  .string()
  .regex(
    /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/,
    'a ${VAR} reference: secrets are never written inline, set them in the environment',
  );

/**
 * A base URL: http(s), or a string holding a `${VAR}` reference (checked again after resolution;
 * a malformed reference is reported by the reference check, not twice).
 */
const baseUrl = z
  .string()
  .refine((s) => s.includes('${') || /^https?:\/\/[^\s/]+/.test(s), 'an http(s) URL such as https://example.zendesk.com or a ${VAR} reference');

/** YAML reads `9001` as a number; ids and names are strings everywhere else in deskbridge. */
const nameOrId = (what: string) =>
  z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1, `a non-empty ${what}`));

/** First-sync start: a date or date-time (Zendesk export start_time / JQL `updated >=`). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO date such as 2025-01-31 (or 2025-01-31T09:00:00Z)')
  .refine((s) => {
    const day = s.slice(0, 10);
    const parsed = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
  }, 'a real calendar date such as 2025-01-31');

/** The API user's email; checked again after resolution when it is a `${VAR}` reference. */
const email = z.string().refine((s) => hasEnvRef(s) || /^[^@\s]+@[^@\s]+$/.test(s), 'an email address or a ${VAR} reference');

const Auth = z.discriminatedUnion('type', [
  /** API token: Zendesk Basic `{email}/token:{token}`, JSM Basic `email:token`. */
  z.strictObject({ type: z.literal('token'), email, token: secretRef }),
  /** OAuth bearer token (Zendesk is moving API access to OAuth). */
  z.strictObject({ type: z.literal('oauth'), accessToken: secretRef }),
]);
export type Auth = z.infer<typeof Auth>;

export const Conflict = z.enum(['zendesk', 'jsm', 'newest', 'flag']);
export type ConflictPolicy = z.infer<typeof Conflict>;
export const Direction = z.enum(['both', 'to_jsm', 'to_zendesk', 'none']);
export type Direction = z.infer<typeof Direction>;

/** `conflict` is the field's owner when both sides changed it: a side name, the newest change, or flag for a human. */
const FieldRule = z.strictObject({ direction: Direction.default('both'), conflict: Conflict.default('newest') });
export type FieldRule = z.infer<typeof FieldRule>;

export const BUILTIN_FIELDS = ['subject', 'description', 'status', 'priority', 'group', 'tags'] as const;
export type BuiltinField = (typeof BUILTIN_FIELDS)[number];

const ZendeskSide = z.strictObject({
  url: baseUrl,
  auth: Auth,
  /** Per-minute request budget for this account (plan limit, minus headroom for agents' own UI). */
  requestsPerMinute: z.number().int().positive().default(200),
  /** Per-minute budget of Update Ticket calls (Zendesk limits them to 100/min per account, 300 with High Volume, UI included). */
  ticketUpdatesPerMinute: z.number().int().positive().default(80),
  /** Zendesk group names (or ids) this connection may use (group maps and scope must name one of these). */
  groups: z.array(nameOrId('Zendesk group name')).default([]),
  /** Incremental export start for a first sync (ISO date); default: 30 days ago. */
  startFrom: isoDate.optional(),
});

const JsmSide = z.strictObject({
  url: baseUrl,
  auth: Auth,
  requestsPerMinute: z.number().int().positive().default(300),
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]+$/, 'a Jira project key such as HELP'),
  serviceDeskId: nameOrId('service desk id'),
  /** Request type names this connection may use (group maps and scope must name one of these). */
  requestTypes: z.array(nameOrId('request type name')).default([]),
  /** Request type for tickets created from Zendesk when no group map applies. */
  defaultRequestType: nameOrId('request type name'),
  startFrom: isoDate.optional(),
});

export const Scope = z.strictObject({
  zendesk: z
    .strictObject({
      tags: z.array(z.string().min(1)).default([]),
      excludeTags: z.array(z.string().min(1)).default([]),
      groups: z.array(nameOrId('Zendesk group name')).default([]),
    })
    .default({ tags: [], excludeTags: [], groups: [] }),
  jsm: z
    .strictObject({ jql: z.string().min(1).optional(), requestTypes: z.array(nameOrId('request type name')).default([]) })
    .default({ requestTypes: [] }),
});

/** The adapters' native Zendesk status names: the six built-ins, or `custom:<id>` for a non-default custom status. */
export const ZENDESK_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
const ZendeskStatusName = z
  .string()
  .regex(
    /^(new|open|pending|hold|solved|closed|custom:\d+)$/,
    `a Zendesk status (${ZENDESK_STATUSES.join(', ')}) or custom:<id> for a custom status`,
  );

/**
 * Zendesk status → canonical. Keys are checked here rather than by a key schema so that a bad key
 * and a bad value in the same map are both reported (zod skips a value whose key failed).
 */
const ZendeskStatusMap = z.record(z.string(), CanonicalStatus).superRefine(
  (map, ctx) => {
    for (const key of Object.keys(map)) {
      if (ZendeskStatusName.safeParse(key).success) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        params: { verbatim: true },
        message: `key "${key}" is not a Zendesk status (expected one of: ${ZENDESK_STATUSES.join(', ')}, or custom:<id> for a custom status)${didYouMean(key, ZENDESK_STATUSES)}`,
      });
    }
  },
  { when: (payload) => payload.value !== null && typeof payload.value === 'object' && !Array.isArray(payload.value) },
);

/** Native → canonical maps per side, plus optional canonical → native overrides for writing. */
export const StatusMaps = z.strictObject({
  zendesk: ZendeskStatusMap,
  jsm: z.record(z.string().min(1), CanonicalStatus),
  toZendesk: z.partialRecord(CanonicalStatus, ZendeskStatusName).default({}),
  toJsm: z.partialRecord(CanonicalStatus, z.string().min(1)).default({}),
});

/** Zendesk's priority names are the canonical ones; JSM's five names map onto them. */
export const PriorityMaps = z.strictObject({
  zendesk: z.partialRecord(Priority, Priority).default({ low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' }),
  jsm: z.record(z.string().min(1), Priority),
  toZendesk: z.partialRecord(Priority, Priority).default({}),
  toJsm: z.partialRecord(Priority, z.string().min(1)).default({}),
});

export const GroupMap = z.strictObject({
  /** Logical name used across the config (routing rules, defaults). */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case name such as second-line'),
  line: Line.optional(),
  zendesk: nameOrId('Zendesk group name'),
  jsm: z.strictObject({ requestType: nameOrId('request type name'), queue: nameOrId('queue name').optional() }),
});
export type GroupMap = z.infer<typeof GroupMap>;

export const CustomFieldMap = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a lower-case name such as impact'),
  zendesk: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z.string().regex(/^\d+$/, 'a Zendesk ticket field id such as 360001'),
  ),
  jsm: z.string().regex(/^customfield_\d+$/, 'a Jira field id such as customfield_10050'),
  direction: Direction.default('both'),
  conflict: Conflict.default('newest'),
  /** Map of zendesk value → jsm value for option fields; identity when absent. */
  values: z.record(z.string().min(1), z.string().min(1)).optional(),
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
    authorLabel: z.string().min(1).default('{name} via {system}'),
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

/** A PostgreSQL URL with an inline password is a secret in the file: the URL must then come from `${VAR}`. */
const inlinePassword = (url: string) => !hasEnvRef(url) && /^postgres(ql)?:\/\/[^/@:]+:[^/@]+@/.test(url);

/** Exactly one of `sqlite` (a file path) or `postgres` (a connection URL). */
export const Store = z
  .strictObject({ sqlite: z.string().min(1).optional(), postgres: z.string().min(1).optional() })
  .check((ctx) => {
    const { sqlite, postgres } = ctx.value;
    if ((sqlite === undefined) === (postgres === undefined)) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'exactly one of `sqlite: <file path>` or `postgres: <url>`' });
    }
    if (postgres !== undefined && inlinePassword(postgres)) {
      ctx.issues.push({
        code: 'custom',
        input: postgres,
        path: ['postgres'],
        message: 'a URL without an inline password: write a ${VAR} reference such as ${DATABASE_URL} (secrets are never written inline)',
      });
    }
  })
  .transform((s): { sqlite: string } | { postgres: string } => (s.sqlite !== undefined ? { sqlite: s.sqlite } : { postgres: s.postgres ?? '' }));
export type StoreConfig = z.infer<typeof Store>;

export const ConfigFile = z.strictObject({
  version: z.literal(1),
  store: Store.default({ sqlite: '.deskbridge/state.db' }),
  connections: z.array(Connection).min(1, 'at least one connection'),
});
export type Config = z.infer<typeof ConfigFile>;
