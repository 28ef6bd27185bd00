import { describe } from 'vitest';
import type { BackendFactory } from '../fixtures/jsm/backend.ts';
import { nockBackend } from '../fixtures/jsm/nock-backend.ts';
import { simBackend } from '../fixtures/jsm/sim-backend.ts';
import { jsmAdapterSuite } from '../fixtures/jsm/suite.ts';

/** The JSM adapter against recorded-shape payloads (nock) and against the simulator: same code, same assertions. */
const backends: [string, BackendFactory][] = [
  ['nock', nockBackend],
  ['the simulator', simBackend],
];

describe.each(backends)('JSM adapter against %s', (_name, factory) => {
  jsmAdapterSuite(factory);
});
