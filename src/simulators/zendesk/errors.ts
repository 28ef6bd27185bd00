import type { z } from 'zod';
import type { SimResponse } from '../harness.ts';

/**
 * Zendesk's error bodies: `{"error": ..., "description": ..., "details": {field: [{description, error}]}}`.
 * https://developer.zendesk.com/api-reference/introduction/requests/#response-format
 * Thrown by the data layer, turned into a response by the route layer.
 */
export class ZendeskApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.description === 'string' ? body.description : String(body.error));
    this.status = status;
    this.body = body;
  }
  toResponse(): SimResponse {
    return { status: this.status, body: this.body };
  }
}

export type FieldErrors = Record<string, { description: string; error: string }[]>;

export const notFound = (): ZendeskApiError => new ZendeskApiError(404, { error: 'RecordNotFound', description: 'Not found' });

/** 422 RecordInvalid, the answer to a write that breaks a validation rule. */
export const recordInvalid = (details: FieldErrors): ZendeskApiError =>
  new ZendeskApiError(422, { error: 'RecordInvalid', description: 'Record validation errors', details });

export const invalidField = (field: string, description: string, error = 'InvalidValue'): ZendeskApiError =>
  recordInvalid({ [field]: [{ description, error }] });

/** The exact body Zendesk returns for any update of a closed ticket. */
export const closedTicket = (): ZendeskApiError =>
  recordInvalid({ status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedTicket' }] });

/** `safe_update` with an `updated_stamp` older than the ticket's `updated_at`. */
export const updateConflict = (): ZendeskApiError =>
  new ZendeskApiError(409, {
    error: 'UpdateConflict',
    description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
  });

export const badRequest = (error: string, description: string): ZendeskApiError => new ZendeskApiError(400, { error, description });

/** A body that does not have the documented shape. */
export function fromZodError(err: z.ZodError): ZendeskApiError {
  const details: FieldErrors = {};
  for (const issue of err.issues) {
    const field = issue.path.filter((p) => typeof p !== 'number').join('.') || 'base';
    (details[field] ??= []).push({ description: `${field}: ${issue.message}`, error: 'InvalidValue' });
  }
  return new ZendeskApiError(400, { error: 'InvalidParameter', description: 'Invalid request parameters', details });
}

/** Runs a handler body, mapping thrown API errors to their response. */
export async function answer(run: () => SimResponse | Promise<SimResponse>): Promise<SimResponse> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ZendeskApiError) return err.toResponse();
    throw err;
  }
}
