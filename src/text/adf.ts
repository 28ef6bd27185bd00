export type { AdfDoc, AdfMark, AdfNode } from './adf-types.ts';
export { adfToRichText } from './adf-parse.ts';
export { richTextToAdf } from './adf-render.ts';
export { adfProblems } from './adf-validate.ts';
