import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.ts';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } }) };
}

const cases = [
  { name: 'a top-level email', obj: { email: 'jo.bloggs@example.org' }, secret: 'jo.bloggs@example.org' },
  { name: "a requester's email nested in a ticket", obj: { ticket: { requester: { email: 'jo.bloggs@example.org' } } }, secret: 'jo.bloggs@example.org' },
  { name: 'an authorization header', obj: { req: { headers: { authorization: 'Basic c2VjcmV0' } } }, secret: 'c2VjcmV0' },
  { name: 'a comment body three levels down', obj: { op: { draft: { comment: { body: 'my NI number is QQ123456C' } } } }, secret: 'QQ123456C' },
  { name: 'a subject', obj: { ticket: { subject: 'Benefit claim for Jo Bloggs' } }, secret: 'Jo Bloggs' },
];

describe('logger redaction', () => {
  it.each(cases)('never writes $name', ({ obj, secret }) => {
    const { lines, logger } = capture();
    logger.info({ ...obj, ticketId: '42' }, 'event');
    expect(lines.join('')).not.toContain(secret);
    expect(lines.join('')).toContain('"ticketId":"42"');
  });
});
