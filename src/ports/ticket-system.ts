import type { Comment, CommentDraft, SystemName, Ticket, TicketDraft, TicketPatch, TicketRef } from '../model/index.ts';

/** One page of the change feed. Save `checkpoint` only after the page's effects are durable. */
export interface ChangePage {
  /** Changed tickets, without comments (read them with `getTicket`). */
  tickets: Ticket[];
  /** Opaque, system-specific position to resume from (JSON string). */
  checkpoint: string;
}

/** Port implemented by each system's adapter (and by in-memory fakes in tests). */
export interface TicketSystem {
  readonly system: SystemName;
  /** Reads one ticket with its comments; null when it does not exist (or was deleted). */
  getTicket(id: string): Promise<Ticket | null>;
  /** Tickets changed since `checkpoint` (null: from the configured start), one page at a time. */
  changes(checkpoint: string | null): AsyncGenerator<ChangePage>;
  /** Creates a ticket carrying `linkStamp` (Zendesk external_id, JSM label + issue property). Not retried blindly. */
  createTicket(draft: TicketDraft, linkStamp: string): Promise<TicketRef>;
  /** Writes only the given fields; `status` goes through a transition on JSM. */
  updateTicket(id: string, patch: TicketPatch): Promise<void>;
  /** Sets the link stamp on an existing ticket (used to stamp the origin side after a create). */
  setLinkStamp(id: string, linkStamp: string): Promise<void>;
  /** Adds a public comment or internal note; returns the new comment's id. */
  addComment(id: string, comment: CommentDraft): Promise<string>;
  /** Lists a ticket's comments (used to read back a comment write whose outcome is unknown). */
  listComments(id: string): Promise<Comment[]>;
  /** Finds the ticket carrying `linkStamp`, or null. On JSM search is eventually consistent: a miss is not proof. */
  findByStamp(linkStamp: string): Promise<TicketRef | null>;
}
