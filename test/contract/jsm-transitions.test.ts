import { describe, expect, it } from 'vitest';
import { Conflict, Invalid, isConflict, isInvalid } from '../../src/http/index.ts';
import type { JiraTransition } from '../../src/systems/jsm/schemas.ts';
import { pickTransition, TransitionCache, transitionTo, type IssueState, type TransitionDeps } from '../../src/systems/jsm/transitions.ts';

const t = (id: string, to: string): JiraTransition => ({ id, name: `to ${to}`, to: { name: to } });
const ctx = { system: 'jsm' as const, method: 'POST', route: 'POST /rest/api/3/issue/{id}/transitions' };

describe('pickTransition', () => {
  const offered = [t('11', 'In progress'), t('12', 'Waiting for customer'), t('14', 'Resolved')];
  it.each([
    { target: 'In progress', id: '11' },
    { target: 'waiting for customer', id: '12' },
    { target: 'Closed', id: undefined },
  ])('picks by target status name: $target → $id', ({ target, id }) => {
    expect(pickTransition(offered, target)?.id).toBe(id);
  });

  it('prefers an exact name over a case-insensitive one', () => {
    expect(pickTransition([t('1', 'pending'), t('2', 'Pending')], 'Pending')?.id).toBe('2');
  });
});

/** A scripted workflow: one issue, its status, and the transitions offered per status. */
function fakeWorkflow(start: IssueState, offeredFrom: Record<string, JiraTransition[]>) {
  const state = { ...start };
  const log: string[] = [];
  const deps: TransitionDeps = {
    listTransitions: async () => (log.push('list'), offeredFrom[state.status] ?? []),
    doTransition: async (_id, transitionId) => {
      log.push(`do ${transitionId}`);
      const tr = (offeredFrom[state.status] ?? []).find((x) => x.id === transitionId);
      if (!tr) throw new Invalid(`Transition id '${transitionId}' is not valid for this issue.`, ctx);
      state.status = tr.to!.name;
    },
    readState: async () => (log.push('read'), { ...state }),
  };
  return { state, log, deps };
}

const flow = {
  'Waiting for support': [t('11', 'In progress'), t('14', 'Resolved')],
  'In progress': [t('14', 'Resolved'), t('16', 'Waiting for support')],
  Resolved: [t('15', 'Closed'), t('16', 'Waiting for support')],
};
const start: IssueState = { status: 'Waiting for support', issueTypeId: '10100', requestTypeId: '10' };

describe('transitionTo', () => {
  it('lists transitions once, then reuses the id for the same workflow and from-status', async () => {
    const cache = new TransitionCache();
    const a = fakeWorkflow(start, flow);
    cache.remember('1', start);
    await transitionTo(a.deps, cache, '1', 'In progress');
    const b = fakeWorkflow(start, flow);
    cache.remember('2', start);
    await transitionTo(b.deps, cache, '2', 'In progress');
    expect(a.log).toEqual(['list', 'do 11']);
    expect(b.log).toEqual(['do 11']);
    expect(cache.state('2')?.status).toBe('In progress');
  });

  it('does not share a cached id across workflows', async () => {
    const cache = new TransitionCache();
    const sr = fakeWorkflow(start, flow);
    cache.remember('1', start);
    await transitionTo(sr.deps, cache, '1', 'In progress');
    const incidentStart = { ...start, issueTypeId: '10101', requestTypeId: '11' };
    const inc = fakeWorkflow(incidentStart, { 'Waiting for support': [t('21', 'In progress')] });
    cache.remember('2', incidentStart);
    await transitionTo(inc.deps, cache, '2', 'In progress');
    expect(inc.log).toEqual(['list', 'do 21']);
  });

  it('drops a cached id the server rejects (stale state) and resolves again from the live list', async () => {
    const cache = new TransitionCache();
    cache.store({ ...start, status: 'In progress' }, 'Resolved', '99');
    const w = fakeWorkflow({ ...start, status: 'In progress' }, flow);
    cache.remember('1', { ...start, status: 'In progress' });
    await transitionTo(w.deps, cache, '1', 'Resolved');
    expect(w.log).toEqual(['do 99', 'list', 'do 14']);
    expect(w.state.status).toBe('Resolved');
  });

  it('propagates errors other than Invalid from a cached attempt', async () => {
    const cache = new TransitionCache();
    cache.remember('1', start);
    cache.store(start, 'In progress', '11');
    const deps: TransitionDeps = {
      listTransitions: async () => [],
      doTransition: async () => {
        throw new Conflict('edited meanwhile', ctx);
      },
      readState: async () => start,
    };
    expect(isConflict(await transitionTo(deps, cache, '1', 'In progress').catch((e: unknown) => e))).toBe(true);
  });

  it('does nothing when the issue already is in the target status', async () => {
    const w = fakeWorkflow({ ...start, status: 'In progress' }, flow);
    await transitionTo(w.deps, new TransitionCache(), '1', 'In progress');
    expect(w.log).toEqual(['list', 'read']);
  });

  it('says which status cannot be reached from which, and what is offered', async () => {
    const w = fakeWorkflow(start, flow);
    const err: unknown = await transitionTo(w.deps, new TransitionCache(), '1', 'Closed').catch((e: unknown) => e);
    expect(isInvalid(err)).toBe(true);
    expect((err as Error).message).toContain('no transition to status "Closed" from "Waiting for support" (offered: In progress, Resolved)');
  });

  it('keeps a bounded memory of issue states', () => {
    const cache = new TransitionCache(2);
    cache.remember('1', start);
    cache.remember('2', start);
    cache.remember('3', start);
    expect([cache.state('1'), cache.state('2'), cache.state('3')].map(Boolean)).toEqual([false, true, true]);
  });
});
