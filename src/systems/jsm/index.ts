export { JsmSystem, createJsmSystem, type JsmSystemOptions } from './system.ts';
export { connectJsm, jsmAuth, type ConnectJsmOptions } from './connect.ts';
export { FeedStuck, encodeCheckpoint, decodeCheckpoint } from './feed.ts';
export type { JsmStatusInfo } from './catalog.ts';
export type { JsmQueue, JsmRequestType } from './schemas.ts';
