import type { SimResponse } from '../harness.ts';

/**
 * Errors the JSM simulator answers with, in the two shapes Atlassian uses:
 * the platform API's `{"errorMessages": [...], "errors": {field: msg}}` and the Service Management API's
 * `{"errorMessage": "...", "i18nErrorMessage": {...}}`.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes
 * https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#errors
 */
export class JiraError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown, message?: string) {
    super(message ?? `jira error ${status}`);
    this.status = status;
    this.body = body;
  }
}

export function jiraErrorBody(messages: string[], errors: Record<string, string> = {}): unknown {
  return { errorMessages: messages, errors };
}

/** A platform-API error (`errorMessages` / `errors`). */
export function platformError(status: number, messages: string[], errors: Record<string, string> = {}): JiraError {
  return new JiraError(status, jiraErrorBody(messages, errors), messages[0] ?? Object.values(errors)[0]);
}

/** A servicedeskapi error (`errorMessage` / `i18nErrorMessage`). */
export function serviceDeskError(status: number, message: string, i18nKey: string, parameters: string[] = []): JiraError {
  return new JiraError(status, { errorMessage: message, i18nErrorMessage: { i18nKey, parameters } }, message);
}

export const issueNotFound = (): JiraError =>
  platformError(404, ['Issue does not exist or you do not have permission to see it.']);

/** The message Jira gives for a field that is read-only, not on the screen, or unknown. */
export const cannotSet = (field: string): string =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Runs a handler and turns a thrown JiraError into its HTTP response. */
export async function answer(fn: () => SimResponse | Promise<SimResponse>): Promise<SimResponse> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof JiraError) return { status: err.status, body: err.body };
    throw err;
  }
}
