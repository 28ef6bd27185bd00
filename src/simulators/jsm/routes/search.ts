import { z } from 'zod';
import type { SimHarness } from '../../harness.ts';
import { jqlEnv, readBody, renderCtx, type JsmSimState } from '../context.ts';
import { answer, jiraErrorBody, JiraError } from '../errors.ts';
import { runJql, SearchParams, searchJql, searchParamsFromQuery } from '../search.ts';

/** Enhanced JQL search, its approximate count, and the removed `/search` endpoints (410 Gone). */
export function searchRoutes(h: SimHarness, s: JsmSimState): void {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
  h.route('GET', '/rest/api/3/search/jql', (req) =>
    answer(() => {
      const params = readBody(SearchParams, { ...req, body: searchParamsFromQuery(req.query) });
      return { status: 200, body: searchJql(renderCtx(s, req), jqlEnv(s), params) };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
  h.route('POST', '/rest/api/3/search/jql', (req) =>
    answer(() => ({ status: 200, body: searchJql(renderCtx(s, req), jqlEnv(s), readBody(SearchParams, req)) })),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post
  h.route('POST', '/rest/api/3/search/approximate-count', (req) =>
    answer(() => {
      const { jql } = readBody(z.object({ jql: z.string() }), req);
      return { status: 200, body: { count: runJql(jql, jqlEnv(s), s.store.searchable()).ordered.length } };
    }),
  );

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jql/#api-rest-api-3-jql-match-post
  // Matches ids against each query on live data; a bad query reports its errors in place instead of failing the call.
  h.route('POST', '/rest/api/3/jql/match', (req) =>
    answer(() => {
      const b = readBody(z.object({ issueIds: z.array(z.number()).max(1000), jqls: z.array(z.string()).max(1000) }), req);
      const issues = b.issueIds.map((id) => s.store.find(String(id))).filter((i) => i !== undefined);
      const matches = b.jqls.map((jql) => {
        try {
          const hits = new Set(runJql(jql, jqlEnv(s), issues).ordered.map((i) => Number(i.id)));
          return { matchedIssues: b.issueIds.filter((id) => hits.has(id)), errors: [] };
        } catch (err) {
          if (!(err instanceof JiraError)) throw err;
          return { matchedIssues: [], errors: (err.body as { errorMessages?: string[] }).errorMessages ?? [err.message] };
        }
      });
      return { status: 200, body: { matches } };
    }),
  );

  // https://developer.atlassian.com/changelog/#CHANGE-2046 — the old search endpoints were removed
  const gone = () => ({
    status: 410,
    body: jiraErrorBody([
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
    ]),
  });
  for (const v of ['2', '3']) {
    h.route('GET', `/rest/api/${v}/search`, gone);
    h.route('POST', `/rest/api/${v}/search`, gone);
  }
}
