export * from './errors.ts';
export * from './retry-policy.ts';
export * from './classify.ts';
export * from './client.ts';
