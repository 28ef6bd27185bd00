import { z } from 'zod';
import type { SimHarness } from '../../harness.ts';
import { parseAdf } from '../adf.ts';
import { API_ACTOR, intParam, listParam, readBody, renderCtx, type JsmSimState } from '../context.ts';
import { answer, cannotSet, platformError, JiraError } from '../errors.ts';
import { IssueWriteBody, parseIssueWrite, toCreateInput } from '../fields.ts';
import { renderChangeGroup, renderIssue, renderTransition } from '../render.ts';
import type { SimIssue } from '../store.ts';
import { availableTransitions } from '../universe.ts';

/** Platform issue endpoints: CRUD, bulk create/fetch, transitions, properties, changelog. */
export function issueRoutes(h: SimHarness, s: JsmSimState): void {
  const created = (base: string, i: SimIssue) => ({ id: i.id, key: i.key, self: `${base}/rest/api/3/issue/${i.id}` });

  const createOne = (body: IssueWriteBody): SimIssue => {
    const parsed = parseIssueWrite(body, 'create');
    return s.store.createIssue(toCreateInput(parsed, body.properties), API_ACTOR);
  };

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
  h.route('GET', '/rest/api/3/issue/:idOrKey', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const q = req.query;
      return {
        status: 200,
        body: renderIssue(renderCtx(s, req), i, { fields: listParam(q, 'fields'), defaultFields: '*all', expand: listParam(q, 'expand'), properties: listParam(q, 'properties') }),
      };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
  h.route('POST', '/rest/api/3/issue', (req) =>
    answer(() => ({ status: 201, body: created(renderCtx(s, req).base, createOne(readBody(IssueWriteBody, req))) })),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulk-post
  h.route('POST', '/rest/api/3/issue/bulk', (req) =>
    answer(() => {
      const { issueUpdates } = readBody(z.object({ issueUpdates: z.array(IssueWriteBody) }), req);
      if (issueUpdates.length > 50) throw platformError(400, ['The number of issues to be created exceeds the maximum of 50.']);
      const base = renderCtx(s, req).base;
      const issues: unknown[] = [];
      const errors: unknown[] = [];
      issueUpdates.forEach((u, n) => {
        try {
          issues.push(created(base, createOne(u)));
        } catch (err) {
          if (!(err instanceof JiraError)) throw err;
          errors.push({ status: err.status, elementErrors: err.body, failedElementNumber: n });
        }
      });
      return { status: issues.length === 0 && errors.length ? 400 : 201, body: { issues, errors } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
  h.route('POST', '/rest/api/3/issue/bulkfetch', (req) =>
    answer(() => {
      const b = readBody(
        z.object({ issueIdsOrKeys: z.array(z.string()).max(100), fields: z.array(z.string()).optional(), expand: z.array(z.string()).optional(), properties: z.array(z.string()).optional() }),
        req,
      );
      const ctx = renderCtx(s, req);
      const issues: unknown[] = [];
      const issueErrors: string[] = [];
      for (const k of b.issueIdsOrKeys) {
        const i = s.store.find(k);
        if (i) issues.push(renderIssue(ctx, i, { fields: b.fields, defaultFields: '*all', expand: b.expand, properties: b.properties }));
        else issueErrors.push(k);
      }
      return { status: 200, body: { issues, issueErrors: issueErrors.map((k) => ({ issueIdOrKey: k, errorMessage: 'Issue does not exist or you do not have permission to see it.' })) } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
  h.route('PUT', '/rest/api/3/issue/:idOrKey', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const body = readBody(IssueWriteBody, req);
      const parsed = parseIssueWrite(body, 'edit', i.labels);
      const bodies = parsed.comments.map((c) => parseAdf(c));
      if (bodies.some((b) => !b)) throw platformError(400, [], { comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' });
      s.store.updateIssue(i.id, parsed.changes, API_ACTOR);
      for (const b of bodies) s.store.addComment(i.id, { body: b!, public: true, authorId: API_ACTOR });
      for (const p of body.properties ?? []) s.store.setProperty(i.id, p.key, p.value);
      if (req.query.get('returnIssue') === 'true') return { status: 200, body: renderIssue(renderCtx(s, req), i, { defaultFields: '*all' }) };
      return { status: 204 };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-delete
  h.route('DELETE', '/rest/api/3/issue/:idOrKey', (req) =>
    answer(() => {
      s.store.deleteIssue(req.params.idOrKey!, API_ACTOR);
      return { status: 204 };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
  h.route('GET', '/rest/api/3/issue/:idOrKey/transitions', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const only = req.query.get('transitionId');
      const ctx = renderCtx(s, req);
      const list = availableTransitions(s.store.workflowOf(i), i.status).filter((t) => !only || t.id === only);
      return { status: 200, body: { expand: 'transitions', transitions: list.map((t) => renderTransition(ctx, t)) } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
  h.route('POST', '/rest/api/3/issue/:idOrKey/transitions', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const b = readBody(
        z.looseObject({
          transition: z.looseObject({ id: z.string().optional() }).optional(),
          fields: z.record(z.string(), z.unknown()).optional(),
          update: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
        }),
        req,
      );
      if (!b.transition?.id) throw platformError(400, ["Missing 'transition' identifier"]);
      // the simulated transitions have no screens: only the resolution (set automatically) may be passed
      const extra = Object.keys(b.fields ?? {}).filter((f) => f !== 'resolution');
      if (extra.length) throw platformError(400, [], Object.fromEntries(extra.map((f) => [f, cannotSet(f)])));
      const comments = (b.update?.comment ?? []).map((op) => parseAdf((op.add as { body?: unknown } | undefined)?.body));
      if (comments.some((c) => !c)) throw platformError(400, [], { comment: 'Comment body can not be empty!' });
      s.store.transition(i.id, b.transition.id, API_ACTOR);
      for (const c of comments) s.store.addComment(i.id, { body: c!, public: true, authorId: API_ACTOR });
      return { status: 204 };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-changelog-get
  h.route('GET', '/rest/api/3/issue/:idOrKey/changelog', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const all = s.store.changelog(i.id);
      const startAt = intParam(req.query, 'startAt', 0);
      const maxResults = intParam(req.query, 'maxResults', 100, 100);
      const ctx = renderCtx(s, req);
      const values = all.slice(startAt, startAt + maxResults).map((g) => renderChangeGroup(ctx, g));
      return { status: 200, body: { self: `${ctx.base}/rest/api/3/issue/${i.key}/changelog`, maxResults, startAt, total: all.length, isLast: startAt + maxResults >= all.length, values } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-get
  h.route('GET', '/rest/api/3/issue/:idOrKey/properties', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const base = renderCtx(s, req).base;
      return { status: 200, body: { keys: Object.keys(i.properties).map((key) => ({ self: `${base}/rest/api/3/issue/${i.id}/properties/${key}`, key })) } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-get
  h.route('GET', '/rest/api/3/issue/:idOrKey/properties/:propertyKey', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const key = req.params.propertyKey!;
      if (!(key in i.properties)) throw platformError(404, [`The property with key '${key}' does not exist.`]);
      return { status: 200, body: { key, value: i.properties[key] } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put
  h.route('PUT', '/rest/api/3/issue/:idOrKey/properties/:propertyKey', (req) =>
    answer(() => {
      const key = req.params.propertyKey!;
      if (key.length > 255) throw platformError(400, ['The property key cannot be longer than 255 characters.']);
      if (req.body === undefined) throw platformError(400, ['The property value must be a valid JSON.']);
      if (JSON.stringify(req.body).length > 32_768) throw platformError(400, ['The property value cannot be longer than 32768 bytes.']);
      const { created: isNew } = s.store.setProperty(req.params.idOrKey!, key, req.body);
      return { status: isNew ? 201 : 200 };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-delete
  h.route('DELETE', '/rest/api/3/issue/:idOrKey/properties/:propertyKey', (req) =>
    answer(() => {
      if (!s.store.deleteProperty(req.params.idOrKey!, req.params.propertyKey!))
        throw platformError(404, [`The property with key '${req.params.propertyKey}' does not exist.`]);
      return { status: 204 };
    }),
  );
}
