import { describe, expect, it } from 'vitest';
import { linkStamp } from '../../src/model/index.ts';
import { expectConflict, link, type Ctx } from './contract-support.ts';

/** Links, bases and the comment map: identity and the three-way diff base. */
export function linkCases(ctx: Ctx): void {
  describe('links', () => {
    it('finds a stored link from the Zendesk id, the JSM id and the JSM key', async () => {
      const s = await ctx.store();
      await s.putLink(link());
      expect(await s.getLinkBy('dwp', 'zendesk', '501')).toEqual(link());
      expect(await s.getLinkBy('dwp', 'jsm', '10001')).toEqual(link());
      expect(await s.getLinkBy('dwp', 'jsm', 'HELP-1')).toEqual(link());
      expect(await s.getLinkBy('dwp', 'zendesk', '10001')).toBeNull();
      expect(await s.getLinkBy('hmrc', 'zendesk', '501')).toBeNull();
    });

    it('finds a link by the stamp either side carries', async () => {
      const s = await ctx.store();
      await s.putLink(link());
      // The Zendesk ticket's external_id names the JSM issue, the JSM label names the Zendesk ticket.
      expect(await s.getLinkByStamp(linkStamp('dwp', { system: 'jsm', id: '10001' }))).toEqual(link());
      expect(await s.getLinkByStamp(linkStamp('dwp', { system: 'zendesk', id: '501' }))).toEqual(link());
      expect(await s.getLinkByStamp(linkStamp('dwp', { system: 'zendesk', id: '502' }))).toBeNull();
      expect(await s.getLinkByStamp('not-a-stamp')).toBeNull();
    });

    it('lists and counts only the links of the connection asked for', async () => {
      const s = await ctx.store();
      await s.putLink(link({ zendeskId: '502', jsmId: '10002', jsmKey: 'HELP-2', createdAt: '2025-03-03T10:00:00.000Z' }));
      await s.putLink(link());
      await s.putLink(link({ connection: 'hmrc' }));
      expect((await s.listLinks('dwp')).map((l) => l.zendeskId)).toEqual(['501', '502']);
      expect(await s.countLinks('dwp')).toBe(2);
      expect(await s.countLinks('hmrc')).toBe(1);
      expect(await s.countLinks('none')).toBe(0);
      expect(await s.listLinks('none')).toEqual([]);
    });

    it('accepts the same link twice and follows a changed issue key', async () => {
      const s = await ctx.store();
      await s.putLink(link());
      await s.putLink(link({ jsmKey: 'OPS-7', createdAt: '2025-04-01T00:00:00.000Z' }));
      expect(await s.listLinks('dwp')).toEqual([link({ jsmKey: 'OPS-7' })]);
    });

    it('fails loudly on a second link for the same Zendesk ticket and keeps the first', async () => {
      const s = await ctx.store();
      await s.putLink(link());
      await expectConflict(s.putLink(link({ jsmId: '10002', jsmKey: 'HELP-2' })), 'link');
      expect(await s.listLinks('dwp')).toEqual([link()]);
    });

    it('fails loudly on a second link for the same JSM issue', async () => {
      const s = await ctx.store();
      await s.putLink(link());
      await expectConflict(s.putLink(link({ zendeskId: '502' })), 'link');
      expect(await s.getLinkBy('dwp', 'zendesk', '502')).toBeNull();
    });

    it('rejects a malformed link before writing it', async () => {
      const s = await ctx.store();
      await expect(s.putLink({ ...link(), origin: 'freshdesk' } as never)).rejects.toThrow();
      expect(await s.countLinks('dwp')).toBe(0);
    });

    it('deletes a link with its base and leaves the others alone', async () => {
      const s = await ctx.store();
      await s.putLink(link());
      await s.putLink(link({ zendeskId: '502', jsmId: '10002', jsmKey: 'HELP-2' }));
      await s.putBase('dwp', '501', { subject: 'a' });
      await s.putBase('dwp', '502', { subject: 'b' });
      await s.deleteLink('dwp', '501');
      expect(await s.getLinkBy('dwp', 'zendesk', '501')).toBeNull();
      expect(await s.getBase('dwp', '501')).toBeNull();
      expect(await s.getBase('dwp', '502')).toEqual({ subject: 'b' });
      // The freed issue can be linked again (e.g. to a follow-up ticket).
      await s.putLink(link({ zendeskId: '900' }));
      expect((await s.getLinkBy('dwp', 'jsm', '10001'))?.zendeskId).toBe('900');
    });
  });

  describe('bases', () => {
    it('has no base for a new link, then returns the stored fingerprints', async () => {
      const s = await ctx.store();
      expect(await s.getBase('dwp', '501')).toBeNull();
      await s.putBase('dwp', '501', { subject: 'fp-s', status: 'fp-st' });
      expect(await s.getBase('dwp', '501')).toEqual({ subject: 'fp-s', status: 'fp-st' });
    });

    it('replaces the whole base on put', async () => {
      const s = await ctx.store();
      await s.putBase('dwp', '501', { subject: 'a', status: 'b' });
      await s.putBase('dwp', '501', { priority: 'c' });
      expect(await s.getBase('dwp', '501')).toEqual({ priority: 'c' });
    });

    it('merges only the written fields and returns the whole new base', async () => {
      const s = await ctx.store();
      expect(await s.mergeBase('dwp', '501', { subject: 'a' })).toEqual({ subject: 'a' });
      await s.putBase('dwp', '501', { subject: 'a', status: 'b' });
      expect(await s.mergeBase('dwp', '501', { status: 'B2', 'custom:impact': 'x' })).toEqual({ subject: 'a', status: 'B2', 'custom:impact': 'x' });
      expect(await s.getBase('dwp', '501')).toEqual({ subject: 'a', status: 'B2', 'custom:impact': 'x' });
    });

    it('keeps bases apart per connection', async () => {
      const s = await ctx.store();
      await s.putBase('dwp', '501', { subject: 'dwp' });
      await s.putBase('hmrc', '501', { subject: 'hmrc' });
      expect(await s.getBase('dwp', '501')).toEqual({ subject: 'dwp' });
    });

    it('rejects fingerprints that are not strings', async () => {
      const s = await ctx.store();
      await expect(s.putBase('dwp', '501', { subject: 42 } as never)).rejects.toThrow();
      expect(await s.getBase('dwp', '501')).toBeNull();
    });
  });

  describe('comment map', () => {
    const m = { connection: 'dwp', zendeskCommentId: '7001', jsmCommentId: '20001', zendeskTicketId: '501' };

    it('finds a mapping from either side', async () => {
      const s = await ctx.store();
      await s.putCommentMapping(m);
      expect(await s.findCommentMapping('dwp', 'zendesk', '7001')).toEqual(m);
      expect(await s.findCommentMapping('dwp', 'jsm', '20001')).toEqual(m);
      expect(await s.findCommentMapping('dwp', 'jsm', '7001')).toBeNull();
      expect(await s.findCommentMapping('hmrc', 'zendesk', '7001')).toBeNull();
    });

    it("lists one ticket's mappings", async () => {
      const s = await ctx.store();
      const second = { ...m, zendeskCommentId: '7002', jsmCommentId: '20002' };
      await s.putCommentMapping(second);
      await s.putCommentMapping(m);
      await s.putCommentMapping({ ...m, zendeskCommentId: '8001', jsmCommentId: '30001', zendeskTicketId: '502' });
      expect(await s.listCommentMappings('dwp', '501')).toEqual([m, second]);
    });

    it('accepts the same mapping twice', async () => {
      const s = await ctx.store();
      await s.putCommentMapping(m);
      await s.putCommentMapping(m);
      expect(await s.listCommentMappings('dwp', '501')).toEqual([m]);
    });

    it.each([
      ['the Zendesk comment', { jsmCommentId: '20009' }],
      ['the JSM comment', { zendeskCommentId: '7009' }],
    ])('fails loudly when %s is already mapped to another comment', async (_side, over) => {
      const s = await ctx.store();
      await s.putCommentMapping(m);
      await expectConflict(s.putCommentMapping({ ...m, ...over }), 'comment-map');
      expect(await s.listCommentMappings('dwp', '501')).toEqual([m]);
    });
  });
}
