import { z } from 'zod';
import type { SimHarness } from '../../harness.ts';
import { adfToHtml, parseAdf, type AdfDoc } from '../adf.ts';
import { API_ACTOR, intParam, listParam, readBody, renderCtx, type JsmSimState } from '../context.ts';
import { answer, platformError } from '../errors.ts';
import { renderComment } from '../render.ts';

/**
 * Platform comment endpoints. In a JSM project a comment is public (shared with the customer) unless it carries
 * the `sd.public.comment` property `{internal: true}`; reads report that as `jsdPublic`.
 * https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#internal-comments
 */

const CommentBody = z.looseObject({
  body: z.unknown(),
  visibility: z.looseObject({ type: z.string(), value: z.string().optional(), identifier: z.string().optional() }).optional(),
  properties: z.array(z.looseObject({ key: z.string(), value: z.unknown() })).optional(),
});

const PUBLIC_PROPERTY = 'sd.public.comment';

function adfBody(body: unknown): AdfDoc {
  const d = parseAdf(body);
  if (!d) throw platformError(400, [], { comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' });
  if (d.content.length === 0) throw platformError(400, [], { comment: 'Comment body can not be empty!' });
  return d;
}

function isInternal(props: { key: string; value: unknown }[] | undefined): boolean {
  const p = props?.find((x) => x.key === PUBLIC_PROPERTY);
  return !!p && typeof p.value === 'object' && p.value !== null && (p.value as { internal?: unknown }).internal === true;
}

export function commentRoutes(h: SimHarness, s: JsmSimState): void {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
  h.route('GET', '/rest/api/3/issue/:idOrKey/comment', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const q = req.query;
      const startAt = intParam(q, 'startAt', 0);
      const maxResults = intParam(q, 'maxResults', 5000, 5000);
      const expand = new Set(listParam(q, 'expand') ?? []);
      const order = q.get('orderBy');
      let all = [...s.store.comments(i.id)];
      if (order === '-created') all = all.reverse();
      else if (order && order !== 'created' && order !== '+created') throw platformError(400, [`Invalid orderBy value: ${order}`]);
      const ctx = renderCtx(s, req);
      const comments = all.slice(startAt, startAt + maxResults).map((c) => {
        const r = renderComment(ctx, c, expand.has('properties'));
        return expand.has('renderedBody') ? { ...r, renderedBody: adfToHtml(c.body) } : r;
      });
      return { status: 200, body: { comments, maxResults, total: all.length, startAt } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
  h.route('POST', '/rest/api/3/issue/:idOrKey/comment', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const b = readBody(CommentBody, req);
      const visibility = b.visibility ? { type: b.visibility.type, value: b.visibility.value ?? b.visibility.identifier ?? '' } : undefined;
      const c = s.store.addComment(i.id, { body: adfBody(b.body), public: !isInternal(b.properties), authorId: API_ACTOR, visibility });
      return { status: 201, body: renderComment(renderCtx(s, req), c) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-get
  h.route('GET', '/rest/api/3/issue/:idOrKey/comment/:id', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const expand = new Set(listParam(req.query, 'expand') ?? []);
      return { status: 200, body: renderComment(renderCtx(s, req), s.store.findComment(i, req.params.id!), expand.has('properties')) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-put
  h.route('PUT', '/rest/api/3/issue/:idOrKey/comment/:id', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const b = readBody(CommentBody, req);
      const c = s.store.updateComment(i, req.params.id!, adfBody(b.body), API_ACTOR);
      return { status: 200, body: renderComment(renderCtx(s, req), c) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-delete
  h.route('DELETE', '/rest/api/3/issue/:idOrKey/comment/:id', (req) =>
    answer(() => {
      s.store.deleteComment(s.store.get(req.params.idOrKey!), req.params.id!, API_ACTOR);
      return { status: 204 };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-get
  h.route('GET', '/rest/api/3/issue/:idOrKey/remotelink', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const base = renderCtx(s, req).base;
      const globalId = req.query.get('globalId');
      const links = (s.remoteLinks.get(i.id) ?? []).filter((l) => !globalId || l.globalId === globalId);
      return { status: 200, body: links.map((l) => ({ id: l.id, self: `${base}/rest/api/3/issue/${i.key}/remotelink/${l.id}`, ...l.body })) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-post
  h.route('POST', '/rest/api/3/issue/:idOrKey/remotelink', (req) =>
    answer(() => {
      const i = s.store.get(req.params.idOrKey!);
      const b = readBody(z.looseObject({ globalId: z.string().optional(), object: z.looseObject({ url: z.string(), title: z.string() }) }), req);
      const list = s.remoteLinks.get(i.id) ?? [];
      const existing = b.globalId ? list.find((l) => l.globalId === b.globalId) : undefined;
      const link = existing ?? { id: s.nextRemoteLinkId++, globalId: b.globalId, body: {} };
      link.body = b;
      if (!existing) list.push(link);
      s.remoteLinks.set(i.id, list);
      return { status: existing ? 200 : 201, body: { id: link.id, self: `${renderCtx(s, req).base}/rest/api/3/issue/${i.key}/remotelink/${link.id}` } };
    }),
  );
}
