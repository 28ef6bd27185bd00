/**
 * Child process of the crash-safety test: writes sync-shaped units of work in a loop until it is
 * SIGKILLed, printing the number of each unit once its transaction has returned (= committed).
 * Usage: node test/store/crash-writer.ts '<store config JSON>'
 */
import { linkStamp } from '../../src/model/index.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { openStore, type StoreConfig } from '../../src/store/index.ts';

const config = JSON.parse(process.argv[2] ?? '') as StoreConfig;
const store = await openStore(config, { logger: silentLogger() });
const at = new Date().toISOString();

for (let i = 1; ; i++) {
  const zendeskId = String(i);
  // As the engine does: the intent is durable before the (here imaginary) remote create...
  await store.putCreateIntent({ id: `intent-${i}`, connection: 'crash', target: 'jsm', sourceId: zendeskId, linkStamp: linkStamp('crash', { system: 'zendesk', id: zendeskId }), createdAt: at });
  // ...then link, base, intent removal and checkpoint commit together.
  await store.transaction(async (tx) => {
    await tx.putLink({ connection: 'crash', zendeskId, jsmId: String(10_000 + i), jsmKey: `HELP-${i}`, createdAt: at, origin: 'zendesk' });
    await tx.putBase('crash', zendeskId, { subject: `s${i}`, status: `st${i}`, priority: `p${i}` });
    await tx.putCommentMapping({ connection: 'crash', zendeskCommentId: `c${i}`, jsmCommentId: `j${i}`, zendeskTicketId: zendeskId });
    await tx.deleteCreateIntent(`intent-${i}`);
    await tx.putCheckpoint('crash', 'zendesk', JSON.stringify({ n: i }));
  });
  await store.audit({ at, connection: 'crash', action: 'link.created', system: 'jsm', ticketId: String(10_000 + i) });
  process.stdout.write(`${i}\n`);
}
