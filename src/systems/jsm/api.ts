import { isNotFound } from '../../http/index.ts';
import type { AdfDoc } from '../../text/index.ts';
import type { JsmClients } from './client.ts';
import type { SearchRequest } from './feed.ts';
import {
  JiraCommentPage,
  JiraCreatedIssue,
  JiraIssue,
  JiraSearchPage,
  JiraTransitions,
  type JiraTransition,
} from './schemas.ts';

/**
 * The Jira platform calls the adapter makes, one method per endpoint: jira.js does the request (on
 * our HttpClient), our loose zod schemas check the answer. No sync logic here.
 */
export class JsmApi {
  private readonly clients: JsmClients;

  constructor(clients: JsmClients) {
    this.clients = clients;
  }

  /** null on 404 (missing, deleted, or not visible to the integration user). */
  async getIssue(id: string, fields: string[]): Promise<JiraIssue | null> {
    try {
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
      return JiraIssue.parse(await this.clients.jira.issues.getIssue({ issueIdOrKey: id, fields }));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async search(req: SearchRequest): Promise<JiraSearchPage> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
    return JiraSearchPage.parse(await this.clients.jira.issueSearch.searchAndReconsileIssuesUsingJqlPost(req));
  }

  async createIssue(body: { fields: Record<string, unknown>; properties: { key: string; value: unknown }[] }): Promise<{ id: string; key: string }> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
    return JiraCreatedIssue.parse(await this.clients.jira.issues.createIssue(body));
  }

  async editIssue(id: string, body: { fields?: Record<string, unknown>; update?: Record<string, Record<string, unknown>[]> }): Promise<void> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
    await this.clients.jira.issues.editIssue({ issueIdOrKey: id, ...body });
  }

  async setIssueProperty(id: string, key: string, value: Record<string, unknown>): Promise<void> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put
    await this.clients.jira.issueProperties.setIssueProperty({ issueIdOrKey: id, propertyKey: key, body: value });
  }

  /** Returns the new comment's id. */
  async addComment(id: string, comment: { body: AdfDoc; properties: { key: string; value: unknown }[] }): Promise<string> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
    const created = await this.clients.jira.issueComments.addComment({ issueIdOrKey: id, body: { ...comment.body }, properties: comment.properties });
    return JiraCreatedIssue.pick({ id: true }).parse(created).id;
  }

  /** One page of comments, oldest first, with properties (the visibility fallback). */
  async commentPage(id: string, startAt: number, maxResults = 100) {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
    return JiraCommentPage.parse(await this.clients.jira.issueComments.getComments({ issueIdOrKey: id, startAt, maxResults, orderBy: 'created', expand: 'properties' }));
  }

  async transitions(id: string): Promise<JiraTransition[]> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
    return JiraTransitions.parse(await this.clients.jira.issues.getTransitions({ issueIdOrKey: id })).transitions;
  }

  async doTransition(id: string, transitionId: string): Promise<void> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
    await this.clients.jira.issues.doTransition({ issueIdOrKey: id, transition: { id: transitionId } });
  }
}
