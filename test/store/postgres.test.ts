import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging/logger.ts';
import { PostgresStore, openStore } from '../../src/store/index.ts';
import { link } from './contract-support.ts';
import { storeContract } from './store-contract.ts';

const URL_ = process.env.DESKBRIDGE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Pool({ connectionString: URL_, max: 2 });
let schema = '';

const freshSchema = () => `deskbridge_test_${process.pid}_${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  await admin.end();
});

storeContract({
  kind: 'postgres',
  async fresh() {
    schema = freshSchema();
  },
  open: (opts) => new PostgresStore({ connectionString: URL_, schema, poolSize: 4, ...opts }),
  async rawQuery(sql) {
    const client = await admin.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  },
  config: () => ({ postgres: `${URL_}?schema=${schema}` }),
  async dispose() {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  },
});

describe('PostgresStore specifics', () => {
  it('creates its schema on open and keeps schemas apart', async () => {
    const [a, b] = [freshSchema(), freshSchema()];
    const sa = await openStore({ postgres: `${URL_}?schema=${a}` }, { logger: silentLogger() });
    const sb = new PostgresStore({ connectionString: URL_, schema: b });
    try {
      await sa.putLink(link());
      expect(await sb.countLinks('dwp')).toBe(0);
      const found = await admin.query('SELECT schema_name FROM information_schema.schemata WHERE schema_name = ANY($1)', [[a, b]]);
      expect(found.rows.map((r: { schema_name: string }) => r.schema_name).sort()).toEqual([a, b].sort());
    } finally {
      await sa.close();
      await sb.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${a} CASCADE`);
      await admin.query(`DROP SCHEMA IF EXISTS ${b} CASCADE`);
    }
  });

  it.each(['Public', 'a-b', 'x; DROP TABLE links', ''])('refuses the schema name %j', (name) => {
    expect(() => new PostgresStore({ connectionString: URL_, schema: name })).toThrow(RangeError);
  });
});
