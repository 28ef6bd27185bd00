export { ZendeskSystem, createZendeskSystem, type ZendeskSystemOptions, type CustomStatusInfo } from './system.ts';
export { connectZendesk, zendeskAuth, type ConnectZendeskOptions } from './connect.ts';
export { ZendeskApi, UnexpectedResponse, CursorRepeated } from './client.ts';
export { FeedStuck, decodeCheckpoint, encodeCheckpoint, initialCheckpoint, type ZendeskCheckpoint } from './feed.ts';
export { CUSTOM_STATUS_PREFIX } from './mappers.ts';
