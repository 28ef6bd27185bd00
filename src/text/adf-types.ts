import { z } from 'zod';

/**
 * Atlassian Document Format, as far as we read and write it.
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */
export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: AdfMark[];
  text?: string;
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** Loose: unknown fields and node types pass, the fields we use are checked. Children are parsed one by one. */
export const AdfMarkSchema = z.looseObject({
  type: z.string(),
  attrs: z.record(z.string(), z.unknown()).optional(),
});

export const AdfNodeSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  attrs: z.record(z.string(), z.unknown()).optional(),
  content: z.array(z.unknown()).optional(),
  marks: z.array(z.unknown()).optional(),
});
export type RawAdfNode = z.infer<typeof AdfNodeSchema>;
