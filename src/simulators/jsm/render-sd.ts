import { adfToHtml, adfToText } from './adf.ts';
import { currentStatus, type RenderCtx } from './render.ts';
import type { SimComment, SimIssue } from './store.ts';
import { serviceDeskDate } from './time.ts';
import { findUser, impactField, impactOptions, serviceDesk, type SimUser } from './universe.ts';

/**
 * Renders state in the Service Management API's shapes: paged `values` lists, `{iso8601, jira, friendly,
 * epochMillis}` dates, `requestFieldValues` as an array, string comment bodies.
 * https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-get
 */

export function sdPage(ctx: RenderCtx, path: string, all: unknown[], start: number, limit: number): Record<string, unknown> {
  const values = all.slice(start, start + limit);
  const isLastPage = start + limit >= all.length;
  const url = (s: number) => `${ctx.base}${path}?start=${s}&limit=${limit}`;
  return {
    _expands: [],
    size: values.length,
    start,
    limit,
    isLastPage,
    _links: {
      base: ctx.base,
      context: '',
      ...(isLastPage ? {} : { next: url(start + limit) }),
      ...(start > 0 ? { prev: url(Math.max(0, start - limit)) } : {}),
      self: url(start),
    },
    values,
  };
}

export function sdUser(ctx: RenderCtx, u: SimUser | undefined): Record<string, unknown> | null {
  if (!u) return null;
  return {
    accountId: u.accountId,
    ...(u.emailHidden ? {} : { emailAddress: u.email }),
    displayName: u.displayName,
    active: true,
    timeZone: u.timeZone,
    _links: {
      jiraRest: `${ctx.base}/rest/api/2/user?accountId=${encodeURIComponent(u.accountId)}`,
      avatarUrls: { '48x48': `https://avatar-management.example.net/${u.accountId.length}-48.png` },
      self: `${ctx.base}/rest/api/2/user?accountId=${encodeURIComponent(u.accountId)}`,
    },
  };
}

export function sdRequest(ctx: RenderCtx, i: SimIssue): Record<string, unknown> {
  const impact = impactOptions.find((o) => o.value === i.impact);
  const values: Record<string, unknown>[] = [
    { fieldId: 'summary', label: 'What do you need?', value: i.summary },
    { fieldId: 'description', label: 'Why do you need this?', value: adfToText(i.description), renderedValue: { html: adfToHtml(i.description) } },
  ];
  if (impact) values.push({ fieldId: impactField.id, label: impactField.name, value: { self: `${ctx.base}/rest/api/2/customFieldOption/${impact.id}`, value: impact.value, id: impact.id } });
  return {
    _expands: ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'],
    issueId: i.id,
    issueKey: i.key,
    requestTypeId: i.requestTypeId,
    serviceDeskId: serviceDesk.id,
    createdDate: serviceDeskDate(i.created, ctx.tz),
    reporter: sdUser(ctx, i.reporterId ? findUser(i.reporterId) : undefined),
    requestFieldValues: values,
    currentStatus: currentStatus(ctx, i),
    _links: {
      jiraRest: `${ctx.base}/rest/api/2/issue/${i.id}`,
      web: `${ctx.base}/servicedesk/customer/portal/${serviceDesk.id}/${i.key}`,
      self: `${ctx.base}/rest/servicedeskapi/request/${i.id}`,
      agent: `${ctx.base}/browse/${i.key}`,
    },
  };
}

export function sdComment(ctx: RenderCtx, c: SimComment): Record<string, unknown> {
  return {
    _expands: ['attachment', 'renderedBody'],
    id: c.id,
    body: adfToText(c.body),
    public: c.public,
    author: sdUser(ctx, findUser(c.authorId)),
    created: serviceDeskDate(c.created, ctx.tz),
    _links: { self: `${ctx.base}/rest/servicedeskapi/request/${c.issueId}/comment/${c.id}` },
  };
}
