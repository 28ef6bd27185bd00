import type { z } from 'zod';
import type { SimRequest } from '../harness.ts';
import { platformError } from './errors.ts';
import type { JqlEnv } from './jql/fields.ts';
import type { RenderCtx } from './render.ts';
import type { JsmStore } from './store.ts';
import { INTEGRATION_ACCOUNT_ID } from './universe.ts';

/** What every route handler needs: the state, the caller's zone, and helpers to read a request. */
export interface JsmSimState {
  store: JsmStore;
  /** Time zone of the API user: dates are rendered in it and JQL dates read in it. */
  tz: string;
  /** Remote links per issue id, upserted by `globalId`. */
  remoteLinks: Map<string, { id: number; globalId?: string; body: Record<string, unknown> }[]>;
  nextRemoteLinkId: number;
}

/** Every credential the simulator accepts belongs to the integration user. */
export const API_ACTOR = INTEGRATION_ACCOUNT_ID;

export function renderCtx(s: JsmSimState, req: SimRequest): RenderCtx {
  return { base: `http://${req.headers.host ?? '127.0.0.1'}`, tz: s.tz, store: s.store };
}

export function jqlEnv(s: JsmSimState): JqlEnv {
  return { now: s.store.now(), tz: s.tz, currentUser: API_ACTOR, store: s.store };
}

/** Parses a JSON body with zod, answering Jira's 400 when it does not fit. */
export function readBody<T extends z.ZodType>(schema: T, req: SimRequest): z.infer<T> {
  const r = schema.safeParse(req.body ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    throw platformError(400, [`Invalid request payload. Refer to the REST API documentation and try again.${issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''}`]);
  }
  return r.data;
}

/** A query parameter that may be repeated or comma-separated (`fields=a,b&fields=c`). */
export function listParam(q: URLSearchParams, name: string): string[] | undefined {
  if (!q.has(name)) return undefined;
  return q.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function intParam(q: URLSearchParams, name: string, dflt: number, max?: number): number {
  const raw = q.get(name);
  const n = raw === null ? dflt : Number.parseInt(raw, 10);
  const v = Number.isFinite(n) && n >= 0 ? n : dflt;
  return max === undefined ? v : Math.min(v, max);
}
