import type { SimHarness } from '../../harness.ts';
import { API_ACTOR, intParam, renderCtx, type JsmSimState } from '../context.ts';
import { answer, platformError } from '../errors.ts';
import { fieldNameMap, renderIssueType, renderPriority, renderProject, renderStatus, renderUser } from '../render.ts';
import {
  findUser, impactField, issueTypes, priorities, project, requestTypeField, resolutionDone, statusCategories, statuses, users,
} from '../universe.ts';

/** Site metadata: the API user, users, statuses, priorities, the project, fields. */
export function metaRoutes(h: SimHarness, s: JsmSimState): void {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
  h.route('GET', '/rest/api/3/myself', (req) => ({ status: 200, body: renderUser(renderCtx(s, req), findUser(API_ACTOR)) }));

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
  h.route('GET', '/rest/api/3/user', (req) =>
    answer(() => {
      const u = findUser(req.query.get('accountId') ?? '');
      if (!u) throw platformError(404, [`Specified user does not exist or you do not have required permissions`]);
      return { status: 200, body: renderUser(renderCtx(s, req), u) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
  // Matches display name or email prefix; an email only matches exactly when the profile hides it.
  h.route('GET', '/rest/api/3/user/search', (req) => {
    const q = (req.query.get('query') ?? '').toLowerCase();
    const accountId = req.query.get('accountId');
    const ctx = renderCtx(s, req);
    const hits = users.filter((u) =>
      accountId
        ? u.accountId === accountId
        : q !== '' &&
          (u.displayName.toLowerCase().split(' ').some((w) => w.startsWith(q)) || u.displayName.toLowerCase().startsWith(q) ||
            (u.emailHidden ? u.email.toLowerCase() === q : u.email.toLowerCase().startsWith(q))),
    );
    const startAt = intParam(req.query, 'startAt', 0);
    return { status: 200, body: hits.slice(startAt, startAt + intParam(req.query, 'maxResults', 50, 1000)).map((u) => renderUser(ctx, u)) };
  });

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-statuses/#api-rest-api-3-status-get
  h.route('GET', '/rest/api/3/status', (req) => ({ status: 200, body: statuses.map((x) => renderStatus(renderCtx(s, req), x)) }));

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-status-categories/#api-rest-api-3-statuscategory-get
  h.route('GET', '/rest/api/3/statuscategory', (req) => ({
    status: 200,
    body: Object.values(statusCategories).map((c) => ({ self: `${renderCtx(s, req).base}/rest/api/3/statuscategory/${c.id}`, ...c })),
  }));

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-statuses-get
  h.route('GET', '/rest/api/3/project/:key/statuses', (req) =>
    answer(() => {
      if (!([project.key, project.id] as string[]).includes(req.params.key!.toUpperCase())) throw platformError(404, [`No project could be found with key '${req.params.key}'.`]);
      const ctx = renderCtx(s, req);
      return {
        status: 200,
        body: issueTypes.map((t) => ({ self: `${ctx.base}/rest/api/3/issuetype/${t.id}`, id: t.id, name: t.name, subtask: false, statuses: statuses.map((x) => renderStatus(ctx, x)) })),
      };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-get
  h.route('GET', '/rest/api/3/priority', (req) => ({ status: 200, body: priorities.map((p) => renderPriority(renderCtx(s, req), p)) }));

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-search-get
  h.route('GET', '/rest/api/3/priority/search', (req) => {
    const values = priorities.map((p) => ({ ...renderPriority(renderCtx(s, req), p), isDefault: p.id === '3' }));
    return { status: 200, body: { maxResults: 50, startAt: 0, total: values.length, isLast: true, values } };
  });

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-resolutions/#api-rest-api-3-resolution-get
  h.route('GET', '/rest/api/3/resolution', (req) => ({ status: 200, body: [{ self: `${renderCtx(s, req).base}/rest/api/3/resolution/${resolutionDone.id}`, ...resolutionDone }] }));

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
  h.route('GET', '/rest/api/3/project/:key', (req) =>
    answer(() => {
      if (!([project.key, project.id] as string[]).includes(req.params.key!.toUpperCase())) throw platformError(404, [`No project could be found with key '${req.params.key}'.`]);
      const ctx = renderCtx(s, req);
      return { status: 200, body: { ...renderProject(ctx), description: 'Central IT help desk', issueTypes: issueTypes.map((t) => renderIssueType(ctx, t.id)), style: 'classic', isPrivate: false } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-types/#api-rest-api-3-issuetype-get
  h.route('GET', '/rest/api/3/issuetype', (req) => ({ status: 200, body: issueTypes.map((t) => renderIssueType(renderCtx(s, req), t.id)) }));

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
  h.route('GET', '/rest/api/3/field', () => ({
    status: 200,
    body: Object.entries(fieldNameMap).map(([id, name]) => {
      const custom = id.startsWith('customfield_');
      const num = id.replace('customfield_', '');
      return {
        id,
        key: id,
        name,
        custom,
        orderable: !['status', 'created', 'updated', 'creator', 'resolutiondate', 'statuscategorychangedate'].includes(id),
        navigable: true,
        searchable: true,
        clauseNames: custom ? [`cf[${num}]`, name, ...(id === requestTypeField.id ? ['Customer Request Type'] : [])] : [id],
        schema: custom
          ? id === impactField.id
            ? { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: Number(num) }
            : { type: 'sd-customerrequesttype', custom: 'com.atlassian.servicedesk:vp-origin', customId: Number(num) }
          : { type: fieldType(id), system: id },
      };
    }),
  }));

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-server-info/#api-rest-api-3-serverinfo-get
  h.route('GET', '/rest/api/3/serverInfo', (req) => ({
    status: 200,
    body: { baseUrl: renderCtx(s, req).base, version: '1001.0.0-SNAPSHOT', versionNumbers: [1001, 0, 0], deploymentType: 'Cloud', buildNumber: 100000, serverTitle: 'Jira', defaultLocale: { locale: 'en_GB' }, serverTimeZone: 'Etc/UTC' },
  }));
}

function fieldType(id: string): string {
  if (['created', 'updated', 'resolutiondate', 'statuscategorychangedate'].includes(id)) return 'datetime';
  if (['reporter', 'assignee', 'creator'].includes(id)) return 'user';
  if (id === 'labels') return 'array';
  if (id === 'comment') return 'comments-page';
  return ['summary', 'description'].includes(id) ? 'string' : id;
}
