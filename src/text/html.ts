export { htmlToRichText } from './html-parse.ts';
export { richTextToHtml, escapeHtml } from './html-render.ts';
