import { Invalid, isInvalid } from '../../http/index.ts';
import type { JiraTransition } from './schemas.ts';

/**
 * JSM status changes go through workflow transitions, whose ids differ per workflow (e.g. "to In
 * progress" is 11 in one workflow and 21 in another), so they are resolved by target status name at
 * run time and cached per workflow (issue type + request type) and from-status.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
 */

/** What decides which transitions an issue has: its workflow and where it stands in it. */
export interface IssueState {
  status: string;
  issueTypeId?: string;
  requestTypeId?: string;
}

/** The transition leading to `target` (status name, exact first, then case-insensitive). Pure. */
export function pickTransition(transitions: readonly JiraTransition[], target: string): JiraTransition | undefined {
  const lower = target.toLowerCase();
  return transitions.find((t) => t.to?.name === target) ?? transitions.find((t) => t.to?.name?.toLowerCase() === lower);
}

const stateKey = (s: IssueState, target: string) => `${s.issueTypeId ?? ''}|${s.requestTypeId ?? ''}|${s.status}|${target}`;

/**
 * Transition ids by (workflow, from-status, target), plus the last known state of recently read
 * issues. The issue state can be stale (another agent moved it): a cached id that the server
 * rejects is dropped and the transition is resolved again from the live list.
 */
export class TransitionCache {
  private readonly ids = new Map<string, string>();
  private readonly states = new Map<string, IssueState>();
  private readonly maxIssues: number;

  constructor(maxIssues = 5_000) {
    this.maxIssues = maxIssues;
  }

  remember(issueId: string, state: IssueState): void {
    this.states.delete(issueId);
    this.states.set(issueId, state);
    if (this.states.size > this.maxIssues) this.states.delete(this.states.keys().next().value!);
  }

  forget(issueId: string): void {
    this.states.delete(issueId);
  }

  state(issueId: string): IssueState | undefined {
    return this.states.get(issueId);
  }

  transitionId(state: IssueState, target: string): string | undefined {
    return this.ids.get(stateKey(state, target));
  }

  store(state: IssueState, target: string, transitionId: string): void {
    this.ids.set(stateKey(state, target), transitionId);
  }

  drop(state: IssueState, target: string): void {
    this.ids.delete(stateKey(state, target));
  }
}

export interface TransitionDeps {
  // GET /rest/api/3/issue/{id}/transitions
  listTransitions(issueId: string): Promise<JiraTransition[]>;
  // POST /rest/api/3/issue/{id}/transitions
  doTransition(issueId: string, transitionId: string): Promise<void>;
  /** Fresh status, issue type and request type of the issue. */
  readState(issueId: string): Promise<IssueState>;
}

/**
 * Moves an issue to the status named `target`. Uses a cached transition id when the issue's state
 * is known; otherwise lists the live transitions. Already in `target`: nothing to do. No transition
 * to `target` from where the issue is: Invalid (the engine dead-letters it with this message).
 */
export async function transitionTo(deps: TransitionDeps, cache: TransitionCache, issueId: string, target: string): Promise<void> {
  const known = cache.state(issueId);
  if (known) {
    const cached = cache.transitionId(known, target);
    if (cached) {
      try {
        await deps.doTransition(issueId, cached);
        cache.remember(issueId, { ...known, status: target });
        return;
      } catch (err) {
        if (!isInvalid(err)) throw err;
        cache.drop(known, target);
        cache.forget(issueId);
      }
    }
  }
  const transitions = await deps.listTransitions(issueId);
  const chosen = pickTransition(transitions, target);
  if (!chosen) {
    const current = await deps.readState(issueId);
    cache.remember(issueId, current);
    if (current.status === target) return;
    const offered = transitions.map((t) => t.to?.name ?? t.name ?? t.id).join(', ') || 'none';
    throw new Invalid(
      `no transition to status "${target}" from "${current.status}" (offered: ${offered})`,
      { system: 'jsm', method: 'POST', route: 'POST /rest/api/3/issue/{id}/transitions' },
    );
  }
  await deps.doTransition(issueId, chosen.id);
  const from = cache.state(issueId);
  if (from) {
    cache.store(from, target, chosen.id);
    cache.remember(issueId, { ...from, status: target });
  }
}
