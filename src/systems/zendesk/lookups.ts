import { isNotFound } from '../../http/errors.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ZendeskApi } from './client.ts';
import type { MapContext } from './mappers.ts';
import { usersById } from './mappers.ts';
import type { ZdCustomStatus, ZdGroup, ZdTicket, ZdUser } from './schemas.ts';

/** A lazily loaded value, kept until refreshed; a failed load is forgotten so the next call tries again. */
class Cached<T> {
  private value: Promise<T> | undefined;
  private refreshedAt: number | undefined;
  private readonly load: () => Promise<T>;
  private readonly clock: Clock;
  constructor(load: () => Promise<T>, clock: Clock) {
    this.load = load;
    this.clock = clock;
  }
  get(): Promise<T> {
    if (!this.value) {
      const p = this.load();
      this.value = p;
      p.catch(() => {
        if (this.value === p) this.value = undefined;
      });
    }
    return this.value;
  }
  /**
   * Reloads now, unless an earlier refresh happened within `minAgeMs`: an id that stays unknown (a deleted
   * group a ticket still names) must not reload the list on every ticket.
   */
  refresh(minAgeMs: number): Promise<T> {
    const now = this.clock.now();
    if (this.value && this.refreshedAt !== undefined && now - this.refreshedAt < minAgeMs) return this.value;
    this.refreshedAt = now;
    this.value = undefined;
    return this.get();
  }
}

/** Reload lookups at most this often when a ticket names a group or custom status we do not know. */
const REFRESH_MIN_AGE_MS = 5 * 60_000;

/**
 * Account-wide lookups the mappers need (integration user, groups, custom statuses), each read once and cached.
 * Group names and custom statuses are loaded only when a ticket refers to them.
 */
export class ZendeskLookups {
  readonly me: Cached<ZdUser>;
  readonly groups: Cached<ZdGroup[]>;
  readonly customStatuses: Cached<ZdCustomStatus[]>;
  private readonly api: ZendeskApi;

  constructor(api: ZendeskApi, clock: Clock, logger: Logger) {
    this.api = api;
    this.me = new Cached(() => api.me(), clock);
    this.groups = new Cached(() => api.listGroups(), clock);
    this.customStatuses = new Cached(async () => {
      try {
        return await api.listCustomStatuses();
      } catch (err) {
        // Accounts without custom ticket statuses have no such endpoint: no custom statuses then.
        if (!isNotFound(err)) throw err;
        logger.info({ system: 'zendesk' }, 'custom ticket statuses not available');
        return [];
      }
    }, clock);
  }

  /**
   * The mapping context for these tickets, refreshing a lookup once when a ticket names an unknown id.
   * `users` are the side-loaded ones; people the side-load left out (requesters, assignees, `moreUserIds` such
   * as comment authors) are read in one show_many call, so people refs carry their email for people mapping.
   */
  async context(tickets: readonly ZdTicket[], users: readonly ZdUser[], moreUserIds: readonly (number | null | undefined)[] = []): Promise<MapContext> {
    const groupIds = new Set(tickets.flatMap((t) => (t.group_id != null ? [t.group_id] : [])));
    const statusIds = new Set(tickets.flatMap((t) => (t.custom_status_id != null ? [t.custom_status_id] : [])));
    const byId = usersById(users);
    const missing = new Set<number>();
    for (const id of [...tickets.flatMap((t) => [t.requester_id, t.assignee_id]), ...moreUserIds]) if (id != null && !byId.has(id)) missing.add(id);
    const [groups, statuses, fetched] = await Promise.all([
      groupIds.size ? this.withRefresh(this.groups, groupIds) : Promise.resolve([]),
      statusIds.size ? this.withRefresh(this.customStatuses, statusIds) : Promise.resolve([]),
      missing.size ? this.api.showManyUsers([...missing]) : Promise.resolve([]),
    ]);
    for (const u of fetched) byId.set(u.id, u);
    return {
      baseUrl: this.api.baseUrl,
      groupNames: new Map(groups.map((g) => [g.id, g.name])),
      customStatuses: new Map(statuses.map((s) => [s.id, s])),
      users: byId,
    };
  }

  private async withRefresh<T extends { id: number }>(cache: Cached<T[]>, wanted: ReadonlySet<number>): Promise<T[]> {
    const list = await cache.get();
    const known = new Set(list.map((x) => x.id));
    for (const id of wanted) if (!known.has(id)) return cache.refresh(REFRESH_MIN_AGE_MS);
    return list;
  }
}
