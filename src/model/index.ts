export * from './enums.ts';
export * from './rich-text.ts';
export * from './ticket.ts';
export * from './link.ts';
