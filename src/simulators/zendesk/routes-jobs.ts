import { randomBytes } from 'node:crypto';
import type { SimHarness } from '../harness.ts';
import { answer, badRequest, fromZodError, notFound, ZendeskApiError } from './errors.ts';
import type { Json } from './render.ts';
import { idList, type RouteContext } from './routes-tickets.ts';
import { CreateManyBody, UpdateManyBatch, UpdateManyBulk, type TicketWrite } from './schemas.ts';

/**
 * Bulk writes: Create Many Tickets and Update Many Tickets answer with a job status to poll.
 * The simulator runs the job at once and reports it `queued`; the first poll finds it `completed`.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-many-tickets
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-many-tickets
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/job_statuses/
 */

const MAX_BULK = 100;

function failure(err: unknown): { error: string; details: string } {
  if (!(err instanceof ZendeskApiError)) throw err;
  const details = Object.values((err.body.details ?? {}) as Record<string, { description: string }[]>)
    .flat()
    .map((d) => d.description)
    .join('; ');
  return { error: String(err.body.error), details: details || String(err.body.description ?? '') };
}

export function registerJobRoutes(h: SimHarness, ctx: RouteContext): void {
  const jobs = new Map<string, { total: number; results: Json[] }>();
  const jobJson = (id: string, done: boolean): Json => {
    const job = jobs.get(id)!;
    return {
      id,
      url: `${ctx.base()}/api/v2/job_statuses/${id}.json`,
      total: job.total,
      progress: done ? job.total : null,
      status: done ? 'completed' : 'queued',
      message: done ? `Completed at ${new Date(ctx.now()).toISOString()}` : null,
      results: done ? job.results : null,
    };
  };
  const submit = (total: number, results: Json[]) => {
    const id = randomBytes(16).toString('hex');
    jobs.set(id, { total, results });
    return { status: 200, body: { job_status: jobJson(id, false) } };
  };

  h.route('POST', '/api/v2/tickets/create_many', (req) =>
    answer(() => {
      const parsed = CreateManyBody.safeParse(req.body);
      if (!parsed.success) throw fromZodError(parsed.error);
      const writes = parsed.data.tickets;
      if (writes.length > MAX_BULK) throw badRequest('InvalidValue', `tickets accepts at most ${MAX_BULK} tickets`);
      const actorId = ctx.actorId(req);
      const results = writes.map((w, index): Json => {
        try {
          return { index, id: ctx.data.createTicket(w, { actorId }).ticket.id };
        } catch (err) {
          return { index, ...failure(err) };
        }
      });
      return submit(writes.length, results);
    }),
  );

  h.route('PUT', '/api/v2/tickets/update_many', (req) =>
    answer(() => {
      let batch: { id: number; write: TicketWrite }[];
      if (req.query.has('ids')) {
        const bulk = UpdateManyBulk.safeParse(req.body);
        if (!bulk.success) throw fromZodError(bulk.error);
        batch = idList(req.query.get('ids'), MAX_BULK).map((id) => ({ id, write: bulk.data.ticket }));
      } else {
        const many = UpdateManyBatch.safeParse(req.body);
        if (!many.success) throw fromZodError(many.error);
        batch = many.data.tickets.map(({ id, ...write }) => ({ id, write }));
      }
      if (batch.length > MAX_BULK) throw badRequest('InvalidValue', `tickets accepts at most ${MAX_BULK} tickets`);
      const actorId = ctx.actorId(req);
      const results = batch.map(({ id, write }, index): Json => {
        try {
          ctx.data.updateTicket(id, write, { actorId });
          return { id, action: 'update', success: true, status: 'Updated' };
        } catch (err) {
          return { index, id, success: false, ...failure(err) };
        }
      });
      return submit(batch.length, results);
    }),
  );

  h.route('GET', '/api/v2/job_statuses/:id', (req) =>
    answer(() => {
      const id = req.params.id ?? '';
      if (!jobs.has(id)) throw notFound();
      return { status: 200, body: { job_status: jobJson(id, true) } };
    }),
  );
}
