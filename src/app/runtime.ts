import { loadRuntimeConfig, formatProblem, type Config, type Connection } from '../config/index.ts';
import type { SyncDeps } from '../engine/index.ts';
import type { Logger } from '../logging/logger.ts';
import type { StateStore } from '../ports/state-store.ts';
import { openStore } from '../store/index.ts';
import { connectJsm, type JsmSystem } from '../systems/jsm/index.ts';
import { connectZendesk, type ZendeskSystem } from '../systems/zendesk/index.ts';

/**
 * Composition root shared by the commands that talk to the systems (plan, sync, dlq, demo):
 * config file → resolved config → store + one Zendesk and one JSM system per connection.
 */

export interface ConnectionRuntime {
  connection: Connection;
  zendesk: ZendeskSystem;
  jsm: JsmSystem;
  /** Engine dependencies for this connection. */
  deps(extra?: Partial<SyncDeps>): SyncDeps;
}

export interface Runtime {
  config: Config;
  store: StateStore;
  connections: ConnectionRuntime[];
  close(): Promise<void>;
}

/** A config file that cannot be used: each line `file:line:col  path  message`. */
export class ConfigRejected extends Error {
  readonly lines: string[];
  constructor(lines: string[]) {
    super(`config rejected:\n${lines.join('\n')}`);
    this.lines = lines;
  }
}

export interface OpenRuntimeOptions {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** Only this connection id (default: all). */
  connectionId?: string;
}

export async function openRuntime(configPath: string, opts: OpenRuntimeOptions): Promise<Runtime> {
  const loaded = await loadRuntimeConfig(configPath, opts.env ?? process.env);
  if (!loaded.ok) throw new ConfigRejected(loaded.problems.map(formatProblem));
  const config = loaded.config;
  const selected = opts.connectionId ? config.connections.filter((c) => c.id === opts.connectionId) : config.connections;
  if (selected.length === 0)
    throw new ConfigRejected([`${configPath}  connections  no connection with id "${opts.connectionId}" (have: ${config.connections.map((c) => c.id).join(', ')})`]);
  const store = await openStore(config.store, { logger: opts.logger });
  const connections = selected.map((connection): ConnectionRuntime => {
    const base = { logger: opts.logger, connectionId: connection.id };
    const zendesk = connectZendesk(connection.zendesk, base);
    const jsm = connectJsm(connection.jsm, {
      ...base,
      ...(connection.scope.jsm.jql ? { scopeJql: connection.scope.jsm.jql } : {}),
      customFieldIds: connection.customFields.map((f) => f.jsm),
    });
    return {
      connection,
      zendesk,
      jsm,
      deps: (extra = {}) => ({
        connection,
        zendesk,
        jsm,
        store,
        logger: opts.logger,
        metrics: { zendesk: zendesk.http.metrics, jsm: jsm.http.metrics },
        ...extra,
      }),
    };
  });
  return {
    config,
    store,
    connections,
    close: async () => {
      for (const c of connections) {
        c.zendesk.close();
        c.jsm.close();
      }
      await store.close();
    },
  };
}
