import { SimClock } from './clock.ts';
import { JSM_EMAIL, JSM_TOKEN, JsmSimulator, type JsmSimulatorOptions } from './jsm/index.ts';
import { INTEGRATION_EMAIL, ZENDESK_TEST_TOKEN, ZendeskSimulator, type ZendeskSimulatorOptions } from './zendesk/index.ts';

/**
 * Starts both simulators side by side (one shared clock), seeds them, and returns their URLs plus the
 * environment variables that `config/demo.yaml` reads to reach them. Used by `deskbridge sim`, the demo,
 * benchmarks and end-to-end tests.
 */

export { JsmSimulator } from './jsm/index.ts';
export { ZendeskSimulator } from './zendesk/index.ts';


export interface StartSimulatorsOptions {
  /** 0 or absent: any free port. */
  zendeskPort?: number;
  jsmPort?: number;
  /** PRNG seed of the seeded data and random faults (default 1). */
  seed?: number;
  /** Tickets to seed in each system (default 0); `zendeskTickets`/`jsmTickets` override per system. */
  tickets?: number;
  zendeskTickets?: number;
  jsmTickets?: number;
  clock?: SimClock;
  /** Rate limits and other simulator options per system (default: the real APIs' common plan limits). */
  zendeskOptions?: Omit<ZendeskSimulatorOptions, 'seed' | 'clock'>;
  jsmOptions?: Omit<JsmSimulatorOptions, 'seed' | 'clock'>;
}

export interface RunningSimulators {
  zendesk: ZendeskSimulator;
  jsm: JsmSimulator;
  zendeskUrl: string;
  jsmUrl: string;
  /** ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_TOKEN, JSM_URL, JSM_EMAIL, JSM_TOKEN, DESKBRIDGE_STORE: what config/demo.yaml reads. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startSimulators(opts: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const clock = opts.clock ?? new SimClock();
  const seed = opts.seed ?? 1;
  const zendesk = new ZendeskSimulator({ ...opts.zendeskOptions, seed, clock });
  const jsm = new JsmSimulator({ ...opts.jsmOptions, seed, clock });
  const zendeskCount = opts.zendeskTickets ?? opts.tickets ?? 0;
  const jsmCount = opts.jsmTickets ?? opts.tickets ?? 0;
  if (zendeskCount > 0) zendesk.seed(zendeskCount);
  if (jsmCount > 0) jsm.seed(jsmCount);
  const zendeskUrl = await zendesk.listen(opts.zendeskPort ?? 0);
  let jsmUrl: string;
  try {
    jsmUrl = await jsm.listen(opts.jsmPort ?? 0);
  } catch (err) {
    await zendesk.close();
    throw err;
  }
  const env = {
    ZENDESK_URL: zendeskUrl,
    ZENDESK_EMAIL: INTEGRATION_EMAIL,
    ZENDESK_TOKEN: ZENDESK_TEST_TOKEN,
    JSM_URL: jsmUrl,
    JSM_EMAIL,
    JSM_TOKEN,
    // config/demo.yaml also reads where its store lives.
    DESKBRIDGE_STORE: '.deskbridge/demo-state.db',
  };
  return {
    zendesk,
    jsm,
    zendeskUrl,
    jsmUrl,
    env,
    close: async () => {
      await Promise.all([zendesk.close(), jsm.close()]);
    },
  };
}
