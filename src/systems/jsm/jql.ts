/**
 * Pure JQL builders. JQL reference:
 * https://support.atlassian.com/jira-service-management-cloud/docs/use-advanced-search-with-jira-query-language-jql/
 */

/** A JQL string literal: double-quoted, with `"` and `\` escaped. */
export function jqlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * `yyyy-MM-dd HH:mm` of an instant as seen in `timeZone`. JQL date literals have minute precision
 * and are read in the time zone of the user running the search (their profile's `timeZone`, from
 * GET /rest/api/3/myself), not UTC: formatting in UTC would shift the window by the user's offset.
 */
export function formatJqlDateTime(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export interface FeedJqlInput {
  projectKey: string;
  /** Extra scope from config, ANDed in parentheses. */
  scopeJql?: string;
  /** Last `updated` seen (ms). The window starts one minute before its minute: precision loss and
   * eventually consistent search both mean an update in that minute may not have been visible yet. */
  sinceMs: number;
  timeZone: string;
}

export const MINUTE_MS = 60_000;

export function feedJql(input: FeedJqlInput): string {
  const from = Math.floor(input.sinceMs / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const scope = input.scopeJql?.trim() ? ` AND (${input.scopeJql.trim()})` : '';
  return (
    `project = ${jqlString(input.projectKey)}${scope}` +
    ` AND updated >= ${jqlString(formatJqlDateTime(from, input.timeZone))} ORDER BY updated ASC, key ASC`
  );
}

/** Finds issues carrying a link stamp label. */
export function stampJql(projectKey: string, stamp: string): string {
  return `project = ${jqlString(projectKey)} AND labels = ${jqlString(stamp)}`;
}
