export * from './html.ts';
export * from './adf.ts';
export * from './plain.ts';
export * from './fingerprint.ts';
export { canonicalRichText } from './canonical.ts';
export { tidyRichText } from './tidy.ts';
