/**
 * A JSONL line (the import/score file format, `at` in ISO-8601) → a masked `Conversation`
 * ready for scoring. Parsing and repair rules live in ingest/conversation.parse.ts; this adds
 * the masking that must happen before any text reaches the engine, its excerpts or the screen.
 */
import { DomainError, ERROR_CODES, isDomainError } from './errors';
import type { Conversation } from './model';
import { parseConversationLine } from './ingest/conversation.parse';
import { maskPii } from './privacy/pii.mask';

export type ConversationFromJsonl =
  { ok: true; conversation: Conversation; normalised: string[] } | { ok: false; error: DomainError };

/** Masks every message; findings record who disclosed what (a customer's own number is `by: customer`). */
export function maskConversation(conversation: Conversation): Conversation {
  return {
    ...conversation,
    messages: conversation.messages.map((m) => {
      const { text, findings } = maskPii(m.text, m.role);
      return findings.length ? { ...m, text, pii: findings } : { ...m, text };
    }),
  };
}

export function conversationFromJsonl(line: string): ConversationFromJsonl {
  try {
    const { conversation, normalised } = parseConversationLine(line);
    return { ok: true, conversation: maskConversation(conversation), normalised };
  } catch (e) {
    if (isDomainError(e)) return { ok: false, error: e as DomainError };
    return { ok: false, error: new DomainError(ERROR_CODES.INPUT_INVALID, (e as Error).message) };
  }
}
