/**
 * The case library: sessions reviewers hold up as exemplary (标杆) or cautionary (警示), with a
 * note, tags and the lines that make the point. Agents and inspectors browse it, so everything in
 * a case is stored masked: the excerpts come from the session's already-masked text and are
 * masked once more, as is the note, because a note is typed by a person and may quote a number.
 */
import { DomainError, ERROR_CODES } from '../errors';
import type { Conversation, MessageRole } from '../model';
import { maskFreeText } from '../privacy/pii.mask';

export const CASE_KINDS = ['exemplary', 'cautionary'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 20;
const MAX_NOTE_LENGTH = 500;
const MAX_EXCERPTS = 20;

export interface CaseExcerpt {
  messageIndex: number;
  role: MessageRole;
  text: string;
}

export interface CaseEntry {
  sessionId: string;
  kind: CaseKind;
  note: string;
  tags: string[];
  issueType?: string;
  createdBy: string;
  createdAt: number;
  excerpts: CaseExcerpt[];
}

export interface NewCaseInput {
  kind: CaseKind;
  note: string;
  tags?: readonly string[];
  issueType?: string;
  /** The messages that make the point, in the session's order or not. */
  messageIndexes?: readonly number[];
}

/**
 * One spelling per tag, so 「#退款 」, 「退款」 and 「＃退款」 are one tag and a search finds them all:
 * full-width folded (NFKC), leading #s dropped, case folded, inner spaces collapsed.
 */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFKC').trim().replace(/^#+/, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Tags normalised, blanks dropped, each once, in the order given. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const n = normalizeTag(t);
    if (!n) continue;
    if (n.length > MAX_TAG_LENGTH) {
      throw new DomainError(ERROR_CODES.INPUT_INVALID, `tags: 标签「${n}」超过 ${MAX_TAG_LENGTH} 个字`);
    }
    if (!out.includes(n)) out.push(n);
  }
  if (out.length > MAX_TAGS) throw new DomainError(ERROR_CODES.INPUT_INVALID, `tags: 最多 ${MAX_TAGS} 个标签`);
  return out;
}

export function newCase(conversation: Conversation, input: NewCaseInput, createdBy: string, now: number): CaseEntry {
  if (!CASE_KINDS.includes(input.kind)) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, 'kind: 案例类型只能是 exemplary（标杆）或 cautionary（警示）');
  }
  const note = maskFreeText(input.note?.trim() ?? '');
  if (!note) throw new DomainError(ERROR_CODES.INPUT_INVALID, 'note: 请写明案例说明');
  if (note.length > MAX_NOTE_LENGTH) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, `note: 案例说明不能超过 ${MAX_NOTE_LENGTH} 字`);
  }
  const indexes = [...new Set(input.messageIndexes ?? [])].sort((a, b) => a - b);
  if (indexes.length > MAX_EXCERPTS) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, `messageIndexes: 最多摘录 ${MAX_EXCERPTS} 条消息`);
  }
  const messages = conversation.messages;
  const excerpts = indexes.map((i): CaseExcerpt => {
    if (!Number.isInteger(i) || i < 0 || i >= messages.length) {
      throw new DomainError(
        ERROR_CODES.REVIEW_BAD_MESSAGE,
        `消息序号 ${i} 超出范围（本会话共 ${messages.length} 条消息）`,
      );
    }
    return { messageIndex: i, role: messages[i].role, text: maskFreeText(messages[i].text) };
  });
  const entry: CaseEntry = {
    sessionId: conversation.id,
    kind: input.kind,
    note,
    tags: normalizeTags(input.tags ?? []),
    createdBy,
    createdAt: now,
    excerpts,
  };
  const issueType = input.issueType?.trim() || conversation.tags?.issueType;
  if (issueType) entry.issueType = issueType;
  return entry;
}

export interface CaseQuery {
  /** Every tag must be on the case (normalised as stored). */
  tags?: readonly string[];
  issueType?: string;
  kind?: CaseKind;
  /** Words that must all appear in the note, the excerpts, the tags or the issue type. */
  text?: string;
}

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** The cases matching every given criterion, newest first. */
export function searchCases(cases: readonly CaseEntry[], query: CaseQuery = {}): CaseEntry[] {
  const tags = normalizeTags(query.tags ?? []);
  const words = fold(query.text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return cases
    .filter((c) => {
      if (query.kind && c.kind !== query.kind) return false;
      if (query.issueType && c.issueType !== query.issueType) return false;
      if (!tags.every((t) => c.tags.includes(t))) return false;
      if (words.length === 0) return true;
      const haystack = fold([c.note, c.issueType ?? '', ...c.tags, ...c.excerpts.map((e) => e.text)].join('\n'));
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => b.createdAt - a.createdAt || a.sessionId.localeCompare(b.sessionId));
}
