import { z } from 'zod';
import type { SimHarness } from '../../harness.ts';
import { parseAdf, textToAdf } from '../adf.ts';
import { API_ACTOR, intParam, jqlEnv, readBody, renderCtx, type JsmSimState } from '../context.ts';
import { answer, JiraError, serviceDeskError } from '../errors.ts';
import { parseIssueWrite, toCreateInput } from '../fields.ts';
import { renderIssue, renderRequestType } from '../render.ts';
import { sdComment, sdPage, sdRequest, sdUser } from '../render-sd.ts';
import { runJql } from '../search.ts';
import type { SimIssue } from '../store.ts';
import { serviceDeskDate } from '../time.ts';
import { customers, findStatus, findUser, impactField, issueTypes, project, queues, requestTypes, serviceDesk, statuses } from '../universe.ts';

/** Jira Service Management API (`/rest/servicedeskapi`): requests, their comments, desks, request types, queues. */

const CreateRequest = z.looseObject({
  serviceDeskId: z.union([z.string(), z.number()]).transform(String),
  requestTypeId: z.union([z.string(), z.number()]).transform(String),
  requestFieldValues: z.record(z.string(), z.unknown()).default({}),
  raiseOnBehalfOf: z.string().optional(),
  requestParticipants: z.array(z.string()).optional(),
  isAdfRequest: z.boolean().optional(),
});

const REQUEST_FIELDS = new Set(['summary', 'description', 'priority', 'labels', impactField.id]);
const QUEUE_FIELDS = ['issuetype', 'issuekey', 'summary', 'reporter', 'created', 'status'];

/** Re-shapes a platform validation error (`errors: {field: msg}`) as the servicedeskapi's `errorMessage`. */
function asServiceDeskError(err: unknown): unknown {
  if (!(err instanceof JiraError)) return err;
  const body = err.body as { errorMessages?: string[]; errors?: Record<string, string> };
  const fields = Object.keys(body.errors ?? {});
  const msg = [...(body.errorMessages ?? []), ...Object.values(body.errors ?? {})].join(' ');
  return serviceDeskError(err.status, msg, 'sd.request.create.error.invalid.fields', fields);
}

export function serviceDeskRoutes(h: SimHarness, s: JsmSimState): void {
  const page = (req: Parameters<Parameters<SimHarness['route']>[2]>[0], all: unknown[]) =>
    sdPage(renderCtx(s, req), req.path, all, intParam(req.query, 'start', 0), Math.max(1, intParam(req.query, 'limit', 50, 100)));
  const desk = (id: string) => {
    if (id !== serviceDesk.id && id !== project.key) throw serviceDeskError(404, `The service desk with id '${id}' does not exist.`, 'sd.service.desk.not.found', [id]);
  };
  const request = (idOrKey: string): SimIssue => {
    const i = s.store.find(idOrKey);
    if (!i || !i.requestTypeId) throw serviceDeskError(404, 'Request does not exist or you do not have permission to see it.', 'sd.request.not.found', [idOrKey]);
    return i;
  };
  const rtOf = (id: string) => {
    const rt = requestTypes.find((r) => r.id === id);
    if (!rt) throw serviceDeskError(404, `The request type with id '${id}' does not exist.`, 'sd.request.type.not.found', [id]);
    return rt;
  };

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-post
  h.route('POST', '/rest/servicedeskapi/request', (req) =>
    answer(() => {
      const b = readBody(CreateRequest, req);
      desk(b.serviceDeskId);
      const rt = requestTypes.find((r) => r.id === b.requestTypeId);
      if (!rt) throw serviceDeskError(400, `The request type with id '${b.requestTypeId}' does not exist.`, 'sd.request.type.not.found', [b.requestTypeId]);
      const unknown = Object.keys(b.requestFieldValues).filter((f) => !REQUEST_FIELDS.has(f));
      if (unknown.length) throw serviceDeskError(400, `Field '${unknown[0]}' is not valid for this request type.`, 'sd.request.create.field.invalid', unknown);
      const reporter = b.raiseOnBehalfOf ?? API_ACTOR;
      if (!findUser(reporter)) throw serviceDeskError(400, `The user '${reporter}' does not exist.`, 'sd.request.create.raise.on.behalf.invalid', [reporter]);
      const { description, ...rest } = b.requestFieldValues;
      const adf = description === undefined || description === null ? undefined : typeof description === 'string' && !b.isAdfRequest ? textToAdf(description) : parseAdf(description) ?? description;
      const fields = { ...rest, ...(adf === undefined ? {} : { description: adf }), project: { id: project.id }, issuetype: { id: rt.issueTypeId }, customfield_10010: rt.id };
      let issue: SimIssue;
      try {
        issue = s.store.createIssue({ ...toCreateInput(parseIssueWrite({ fields }, 'create')), reporterId: reporter }, API_ACTOR);
      } catch (err) {
        throw asServiceDeskError(err);
      }
      return { status: 201, body: sdRequest(renderCtx(s, req), issue) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-get
  h.route('GET', '/rest/servicedeskapi/request/:idOrKey', (req) => answer(() => ({ status: 200, body: sdRequest(renderCtx(s, req), request(req.params.idOrKey!)) })));

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-status-get
  h.route('GET', '/rest/servicedeskapi/request/:idOrKey/status', (req) =>
    answer(() => {
      const i = request(req.params.idOrKey!);
      const ctx = renderCtx(s, req);
      const moves = s.store.changelog(i.id).flatMap((g) => g.items.filter((x) => x.field === 'status').map((x) => ({ from: x.fromString!, to: x.toString!, at: g.created })));
      const history = [{ status: moves[0]?.from ?? i.status, at: i.created }, ...moves.map((m) => ({ status: m.to, at: m.at }))];
      const values = history.reverse().map((h) => ({ status: h.status, statusCategory: (findStatus(h.status) ?? statuses[0]!).category.toUpperCase(), statusDate: serviceDeskDate(h.at, ctx.tz) }));
      return { status: 200, body: page(req, values) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-get
  h.route('GET', '/rest/servicedeskapi/request/:idOrKey/comment', (req) =>
    answer(() => {
      const i = request(req.params.idOrKey!);
      const pub = req.query.get('public') !== 'false';
      const internal = req.query.get('internal') !== 'false';
      const ctx = renderCtx(s, req);
      const all = s.store.comments(i.id).filter((c) => (c.public ? pub : internal)).map((c) => sdComment(ctx, c));
      return { status: 200, body: page(req, all) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-post
  h.route('POST', '/rest/servicedeskapi/request/:idOrKey/comment', (req) =>
    answer(() => {
      const i = request(req.params.idOrKey!);
      const b = readBody(z.looseObject({ body: z.string(), public: z.boolean() }), req);
      if (b.body.trim() === '') throw serviceDeskError(400, 'Comment body can not be empty!', 'sd.comment.body.empty');
      const c = s.store.addComment(i.id, { body: textToAdf(b.body), public: b.public, authorId: API_ACTOR });
      return { status: 201, body: sdComment(renderCtx(s, req), c) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-commentid-get
  h.route('GET', '/rest/servicedeskapi/request/:idOrKey/comment/:commentId', (req) =>
    answer(() => {
      const i = request(req.params.idOrKey!);
      const c = s.store.comments(i.id).find((x) => x.id === req.params.commentId);
      if (!c) throw serviceDeskError(404, 'Comment does not exist or you do not have permission to see it.', 'sd.comment.not.found');
      return { status: 200, body: sdComment(renderCtx(s, req), c) };
    }),
  );

  const deskJson = (base: string) => ({ id: serviceDesk.id, projectId: serviceDesk.projectId, projectName: serviceDesk.projectName, projectKey: serviceDesk.projectKey, _links: { self: `${base}/rest/servicedeskapi/servicedesk/${serviceDesk.id}` } });

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-get
  h.route('GET', '/rest/servicedeskapi/servicedesk', (req) => ({ status: 200, body: page(req, [deskJson(renderCtx(s, req).base)]) }));

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-get
  h.route('GET', '/rest/servicedeskapi/servicedesk/:id', (req) => answer(() => (desk(req.params.id!), { status: 200, body: deskJson(renderCtx(s, req).base) })));

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-get
  h.route('GET', '/rest/servicedeskapi/servicedesk/:id/requesttype', (req) =>
    answer(() => {
      desk(req.params.id!);
      const q = (req.query.get('searchQuery') ?? '').toLowerCase();
      return { status: 200, body: page(req, requestTypes.filter((r) => r.name.toLowerCase().includes(q)).map((r) => renderRequestType(renderCtx(s, req), r))) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-requesttypeid-get
  h.route('GET', '/rest/servicedeskapi/servicedesk/:id/requesttype/:rtId', (req) =>
    answer(() => (desk(req.params.id!), { status: 200, body: renderRequestType(renderCtx(s, req), rtOf(req.params.rtId!)) })),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-requesttypeid-field-get
  h.route('GET', '/rest/servicedeskapi/servicedesk/:id/requesttype/:rtId/field', (req) =>
    answer(() => {
      desk(req.params.id!);
      const rt = rtOf(req.params.rtId!);
      const field = (fieldId: string, name: string, required: boolean, jiraSchema: Record<string, unknown>, validValues: unknown[] = []) => ({ fieldId, name, description: '', required, defaultValues: [], validValues, jiraSchema, visible: true });
      const requestTypeFields = [
        field('summary', 'What do you need?', true, { type: 'string', system: 'summary' }),
        field('description', 'Why do you need this?', false, { type: 'string', system: 'description' }),
      ];
      if (issueTypes.find((t) => t.id === rt.issueTypeId)?.workflow === 'incident')
        requestTypeFields.push(
          field(impactField.id, impactField.name, rt.requiredFields.includes(impactField.id), { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10050 }, ['Low', 'Medium', 'High'].map((v, n) => ({ value: String(10200 + n), label: v, children: [] }))),
        );
      return { status: 200, body: { requestTypeFields, canRaiseOnBehalfOf: true, canAddRequestParticipants: true } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-customer-get
  h.route('GET', '/rest/servicedeskapi/servicedesk/:id/customer', (req) =>
    answer(() => {
      desk(req.params.id!);
      const q = (req.query.get('query') ?? '').toLowerCase();
      const ctx = renderCtx(s, req);
      return { status: 200, body: page(req, customers.filter((c) => !q || c.email.toLowerCase().includes(q) || c.displayName.toLowerCase().includes(q)).map((c) => sdUser(ctx, c))) };
    }),
  );

  const queueJson = (base: string, q: (typeof queues)[number], count: boolean) => ({
    id: q.id,
    name: q.name,
    jql: q.jql,
    fields: QUEUE_FIELDS,
    ...(count ? { issueCount: runJql(q.jql, jqlEnv(s), s.store.searchable()).ordered.length } : {}),
    _links: { self: `${base}/rest/servicedeskapi/servicedesk/${serviceDesk.id}/queue/${q.id}` },
  });
  const queueOf = (id: string) => {
    const q = queues.find((x) => x.id === id);
    if (!q) throw serviceDeskError(404, `The queue with id '${id}' does not exist.`, 'sd.queue.not.found', [id]);
    return q;
  };

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-queue-get
  h.route('GET', '/rest/servicedeskapi/servicedesk/:id/queue', (req) =>
    answer(() => (desk(req.params.id!), { status: 200, body: page(req, queues.map((q) => queueJson(renderCtx(s, req).base, q, req.query.get('includeCount') === 'true'))) })),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-queue-queueid-get
  h.route('GET', '/rest/servicedeskapi/servicedesk/:id/queue/:queueId', (req) =>
    answer(() => (desk(req.params.id!), { status: 200, body: queueJson(renderCtx(s, req).base, queueOf(req.params.queueId!), req.query.get('includeCount') === 'true') })),
  );

  // https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-queue-queueid-issue-get
  h.route('GET', '/rest/servicedeskapi/servicedesk/:id/queue/:queueId/issue', (req) =>
    answer(() => {
      desk(req.params.id!);
      const q = queueOf(req.params.queueId!);
      const ctx = renderCtx(s, req);
      const issues = runJql(q.jql, jqlEnv(s), s.store.searchable()).ordered.map((i) => renderIssue(ctx, i, { fields: QUEUE_FIELDS, defaultFields: '*all' }));
      return { status: 200, body: page(req, issues) };
    }),
  );
}
