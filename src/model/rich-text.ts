import { z } from 'zod';

/**
 * One rich-text tree for every body (ticket description, comment), neither HTML nor ADF.
 * `src/text` converts Zendesk HTML and JSM ADF to and from it.
 */
export const Mark = z.enum(['bold', 'italic', 'strike', 'code', 'underline']);
export type Mark = z.infer<typeof Mark>;

export type Inline =
  | { type: 'text'; text: string; marks?: Mark[]; href?: string }
  | { type: 'break' }
  | { type: 'mention'; name: string; id?: string }
  | { type: 'image'; src: string; alt?: string };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  | { type: 'codeBlock'; language?: string; text: string }
  | { type: 'blockquote'; children: Block[] }
  | { type: 'table'; rows: { cells: { header: boolean; content: Block[] }[] }[] }
  | { type: 'rule' };

export interface RichText {
  type: 'doc';
  blocks: Block[];
}

export const InlineSchema: z.ZodType<Inline> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string(), marks: z.array(Mark).optional(), href: z.string().optional() }),
    z.object({ type: z.literal('break') }),
    z.object({ type: z.literal('mention'), name: z.string(), id: z.string().optional() }),
    z.object({ type: z.literal('image'), src: z.string(), alt: z.string().optional() }),
  ]),
);

export const BlockSchema: z.ZodType<Block> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('paragraph'), children: z.array(InlineSchema) }),
    z.object({
      type: z.literal('heading'),
      level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
      children: z.array(InlineSchema),
    }),
    z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(BlockSchema)) }),
    z.object({ type: z.literal('codeBlock'), language: z.string().optional(), text: z.string() }),
    z.object({ type: z.literal('blockquote'), children: z.array(BlockSchema) }),
    z.object({
      type: z.literal('table'),
      rows: z.array(z.object({ cells: z.array(z.object({ header: z.boolean(), content: z.array(BlockSchema) })) })),
    }),
    z.object({ type: z.literal('rule') }),
  ]),
);

export const RichTextSchema: z.ZodType<RichText> = z.object({ type: z.literal('doc'), blocks: z.array(BlockSchema) });

/** A document holding plain text, one paragraph per blank-line-separated chunk. */
export function plainDoc(text: string): RichText {
  const paras = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    blocks: paras.map((p) => ({
      type: 'paragraph' as const,
      children: p.split('\n').flatMap((line, i): Inline[] => {
        const out: Inline[] = i === 0 ? [] : [{ type: 'break' }];
        if (line) out.push({ type: 'text', text: line });
        return out;
      }),
    })),
  };
}
