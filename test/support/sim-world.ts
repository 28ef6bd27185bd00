import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDemoRuntime } from '../../src/app/demo-runtime.ts';
import { openRuntime, type ConnectionRuntime, type Runtime } from '../../src/app/runtime.ts';
import { syncConnection, type SyncSummary } from '../../src/engine/index.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { startSimulators, type RunningSimulators, type StartSimulatorsOptions } from '../../src/simulators/index.ts';

/**
 * An end-to-end world: both simulators seeded, config/demo.yaml (optionally edited) written to a temp
 * folder with its own SQLite store, and the real runtime (adapters, store, engine) opened on it.
 */
export interface SimWorld {
  sims: RunningSimulators;
  rt: Runtime;
  c: ConnectionRuntime;
  dir: string;
  configPath: string;
  /** Env a child `deskbridge` process needs to run this world's config. */
  env: Record<string, string>;
  sync(): Promise<SyncSummary>;
  /** Moves the shared simulator clock past Zendesk's most-recent-minute export exclusion. */
  tick(): void;
  /** Write calls recorded by both simulators since the last reset. */
  writes(): { zendesk: number; jsm: number };
  resetStats(): void;
  /** Reopens the runtime (a fresh process would). */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export interface SimWorldOptions extends StartSimulatorsOptions {
  /** Edits the demo config text before use. */
  editConfig?: (yaml: string) => string;
}

export async function simWorld(opts: SimWorldOptions = {}): Promise<SimWorld> {
  const sims = await startSimulators({
    seed: 3,
    zendeskOptions: { rateLimitPerMinute: 100_000, updateRateLimitPerMinute: 100_000, exportRateLimitPerMinute: 100_000 },
    jsmOptions: { rateLimitPerMinute: 100_000 },
    ...opts,
  });
  const dir = await mkdtemp(join(tmpdir(), 'deskbridge-e2e-'));
  const opened = await openDemoRuntime({
    dir,
    simEnv: sims.env,
    logger: silentLogger(),
    fileName: 'sync.yaml',
    requestsPerMinute: 100_000,
    ...(opts.editConfig ? { editConfig: opts.editConfig } : {}),
  });
  const { configPath, env } = opened;
  const open = () => openRuntime(configPath, { logger: silentLogger(), env });
  let rt = opened.rt;
  const world: SimWorld = {
    sims,
    rt,
    c: rt.connections[0]!,
    dir,
    configPath,
    env,
    sync: () => syncConnection(world.c.deps({ readBack: { attempts: 3, waitMs: 20 } })),
    tick: () => sims.zendesk.clock.advance(61_000),
    writes: () => ({ zendesk: sims.zendesk.harness.writeCount(), jsm: sims.jsm.harness.writeCount() }),
    resetStats: () => {
      sims.zendesk.harness.resetStats();
      sims.jsm.harness.resetStats();
    },
    reopen: async () => {
      await rt.close();
      rt = await open();
      world.rt = rt;
      world.c = rt.connections[0]!;
    },
    close: async () => {
      await rt.close();
      await sims.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}
