/** A nested `transaction` callback threw, so the outer transaction was rolled back even though the error was caught. */
export class TransactionAborted extends Error {
  constructor(cause: unknown) {
    super('a nested transaction failed; the outer transaction was rolled back', { cause });
    this.name = 'TransactionAborted';
  }
}

/** `resolveDeadLetter` on an id the store never had. */
export class UnknownDeadLetter extends Error {
  readonly deadLetterId: number;
  constructor(id: number) {
    super(`no dead letter with id ${id}`);
    this.name = 'UnknownDeadLetter';
    this.deadLetterId = id;
  }
}

/** `withTicketLock` waited longer than the store's lock wait limit (another worker holds the ticket). */
export class TicketLockTimeout extends Error {
  readonly key: string;
  constructor(key: string, waitedMs: number) {
    super(`ticket lock ${key} still held by another worker after ${waitedMs} ms`);
    this.name = 'TicketLockTimeout';
    this.key = key;
  }
}
