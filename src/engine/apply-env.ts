import type { Connection } from '../config/schema.ts';
import { isApiError, isTransient } from '../http/errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { Link, PersonRef, SystemName, TicketRef } from '../model/index.ts';
import type { StateStore } from '../ports/state-store.ts';
import type { TicketSystem } from '../ports/ticket-system.ts';

/** A ticket system as the engine needs it: the port plus the integration's own user. */
export interface EngineSystem extends TicketSystem {
  me(): Promise<PersonRef>;
}

/** What applying ops needs: the systems, the store, and how patient read-backs are. */
export interface ApplyEnv {
  connection: Connection;
  systems: Record<SystemName, TicketSystem>;
  store: StateStore;
  logger: Logger;
  now: () => number;
  me: Record<SystemName, PersonRef>;
  /**
   * Reading back a write whose outcome is unknown. JSM search is eventually consistent: a miss right
   * after a create is not proof, so the read is tried `attempts` times `waitMs` apart before "absent".
   */
  readBack: { attempts: number; waitMs: number };
  sleep: (ms: number) => Promise<void>;
}

/** Per-ticket state while its ops run: the link (set by a create or a link op) and the created ticket. */
export interface ApplyState {
  link: Link | null;
  created: TicketRef | null;
}

export const isoNow = (env: ApplyEnv): string => new Date(env.now()).toISOString();

/**
 * Whether a failed write may nevertheless have committed: a dropped response or timeout (Transient with
 * outcomeUnknown), or anything that is not a typed API error (the failure came after the request left).
 */
export function outcomeUnknown(err: unknown): boolean {
  if (!isApiError(err)) return true;
  return isTransient(err) && err.outcomeUnknown;
}

/** Short, personal-data-free text for a dead letter or log line. */
export function errorReason(err: unknown): string {
  // ApiError messages carry system, method, route, status and the API's own explanation (Invalid).
  if (isApiError(err)) return err.message;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

export function errorKind(err: unknown): string {
  if (isApiError(err)) return err.kind;
  if (err instanceof Error && err.name === 'StoreConflict') return 'StoreConflict';
  return 'Error';
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `read` up to `attempts` times, `waitMs` apart, until it returns non-null. */
export async function retryRead<T>(env: ApplyEnv, read: () => Promise<T | null>): Promise<T | null> {
  for (let attempt = 1; ; attempt++) {
    const found = await read();
    if (found !== null || attempt >= env.readBack.attempts) return found;
    await env.sleep(env.readBack.waitMs);
  }
}
