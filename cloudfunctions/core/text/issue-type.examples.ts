/**
 * Admins' labelled examples for the issue-type classifier: what they may submit and how one
 * example is identified. The same text (after normalisation) is one example whatever its
 * label, so correcting a label replaces it instead of adding a contradicting twin.
 */
import { z } from 'zod';
import { EXAMPLE_MAX_CHARS, EXAMPLE_MIN_CHARS, ISSUE_TYPES } from './issue-type.labels';
import { normalizeText } from './text.normalize';

export { EXAMPLE_MAX_CHARS, EXAMPLE_MIN_CHARS };

export const issueExampleInput = z
  .object({
    text: z
      .string()
      .trim()
      .min(EXAMPLE_MIN_CHARS, `样例至少 ${EXAMPLE_MIN_CHARS} 个字`)
      .max(EXAMPLE_MAX_CHARS, `样例最多 ${EXAMPLE_MAX_CHARS} 个字`),
    label: z.enum(ISSUE_TYPES),
  })
  .strict();

export type IssueExampleInput = z.infer<typeof issueExampleInput>;

/** 32-bit FNV-1a over UTF-16 code units, from a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** What `issueExampleId` gives: `ex_` and 16 hex digits. */
export const ISSUE_EXAMPLE_ID_PATTERN = /^ex_[0-9a-f]{16}$/;

/**
 * The stored id of an example: `ex_` and 16 hex digits from its normalised text (two FNV-1a
 * passes with different bases), so 「退款 多久到账」 and 「退款多久到账」 are the same example.
 */
export function issueExampleId(text: string): string {
  const norm = normalizeText(text);
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return `ex_${hex(fnv1a(norm, 0x811c9dc5))}${hex(fnv1a(norm, 0x01234567))}`;
}
