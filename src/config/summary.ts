import { envRefNames, hasEnvRef } from './env-refs.ts';
import type { Config, Direction } from './schema.ts';

export interface ConnectionSummary {
  id: string;
  /** Host only (never credentials or paths); the `${VAR}` reference when it is not set here. */
  zendeskHost: string;
  jsmHost: string;
  jsmProject: string;
  serviceDeskId: string;
  statusMaps: { zendesk: number; jsm: number };
  priorityMaps: { zendesk: number; jsm: number };
  groups: number;
  customFields: number;
  direction: Direction;
}

export interface ConfigSummary {
  store: 'sqlite' | 'postgres';
  connections: ConnectionSummary[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** What `deskbridge validate` shows for a good file. */
export function summarizeConfig(config: Config, env: Env = {}): ConfigSummary {
  return {
    store: 'sqlite' in config.store ? 'sqlite' : 'postgres',
    connections: config.connections.map((c) => ({
      id: c.id,
      zendeskHost: hostOf(c.zendesk.url, env),
      jsmHost: hostOf(c.jsm.url, env),
      jsmProject: c.jsm.projectKey,
      serviceDeskId: c.jsm.serviceDeskId,
      statusMaps: { zendesk: Object.keys(c.statuses.zendesk).length, jsm: Object.keys(c.statuses.jsm).length },
      priorityMaps: { zendesk: Object.keys(c.priorities.zendesk).length, jsm: Object.keys(c.priorities.jsm).length },
      groups: c.groups.length,
      customFields: c.customFields.length,
      direction: c.direction,
    })),
  };
}

function hostOf(url: string, env: Env): string {
  const names = envRefNames(url);
  const resolved = names.every((n) => env[n]) ? url.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, n: string) => env[n] ?? '') : url;
  if (hasEnvRef(resolved)) return url;
  try {
    return new URL(resolved).host;
  } catch {
    return url;
  }
}
