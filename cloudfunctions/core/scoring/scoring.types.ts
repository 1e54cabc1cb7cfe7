/**
 * The engine's own vocabulary: what callers inject (facts), what operators see (context) and
 * what they answer (outcome). Scorecard shapes live in scorecard.schema.ts.
 */
import type { Conversation, ConversationMessage, MessageRole } from '../model';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** Text models injected by the caller (the core's text package provides the real ones). */
export interface TextAnalyzers {
  sentiment(text: string): { label: SentimentLabel; pPositive: number };
}

/** Everything outside the conversation that rules may use. Injected: the engine does no I/O. */
export interface ScoringFacts {
  text?: TextAnalyzers;
  /** The same customer's earlier contacts (found by the caller), for repeat-contact rules. */
  history?: { previousContacts: { at: number; issueType?: string }[] };
  /** The scoring instant: an unanswered message younger than a timing limit is not yet late. */
  now?: number;
}

/** Where a condition found what it found. */
export interface Evidence {
  messageIndex: number | null;
  span: [number, number] | null;
  /** Short Chinese explanation, e.g. 命中「投诉」 or 首次响应 95 秒. */
  note: string;
}

/**
 * A condition's answer. `held` is three-valued: null means "cannot tell" (a fact such as the
 * sentiment model or the contact history was not provided), so `not` of it stays unknown and
 * the rule is reported as skipped instead of silently passing.
 */
export interface Outcome {
  held: boolean | null;
  evidence: Evidence[];
  /** Why the answer is unknown (only when held is null). */
  missing?: string;
}

/** A keyword found by the shared matcher. */
export interface KeywordMatch {
  messageIndex: number;
  start: number;
  end: number;
  word: string;
}

/** Per-conversation view shared by every operator; derived data is computed once. */
export interface EvalContext {
  readonly conversation: Conversation;
  readonly messages: readonly ConversationMessage[];
  readonly facts: ScoringFacts;
  /** Position of each message among the messages of its role (0 = that role's first). */
  readonly roleOrdinal: readonly number[];
  roleCount(role: MessageRole): number;
  /** Matches of one keyword group (registered at compile time), in text order. */
  matches(group: number): readonly KeywordMatch[];
  /**
   * Per-conversation derived data shared by operators (waits, sentiment per message, vectors):
   * computed on first use, then reused by every rule of this conversation.
   */
  memo<T>(key: MemoKey<T>): T;
}

/** A kind of derived data; create once per module with `memoKey` (operator.types.ts). */
export interface MemoKey<T> {
  /** Index of this kind in a context's memo table. */
  readonly slot: number;
  /** Never returns undefined (that reads as "not computed yet"). */
  compute(ctx: EvalContext): T;
}

/** What an operator may ask for while a scorecard is compiled. */
export interface CompileEnv {
  /** Registers a list of words with the scorecard's single matcher; returns its group id. */
  keywordGroup(words: readonly string[]): number;
}
