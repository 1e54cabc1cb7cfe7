/**
 * The engine's own vocabulary: what callers inject (facts), what operators see (context) and
 * what they answer (outcome). Scorecard shapes live in scorecard.schema.ts.
 */
import type { Conversation, ConversationMessage, MessageRole } from '../model';
import type { OperatorScratch } from './operators/operator.scratch';
import type { RedLineModelName } from '../text/red-line.heads';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** Text models injected by the caller (the core's text package provides the real ones). */
export interface TextAnalyzers {
  sentiment(text: string): { label: SentimentLabel; pPositive: number };
  /**
   * The dialogue acts of one turn (question, transactional, complaint, anger, apology-empathy,
   * greeting, closing, commitment, other), main act first; the core's text package provides the
   * trained classifier. Rules that need it are skipped when it is not provided.
   */
  acts?(
    text: string,
    turn: { role: string; firstOfRole?: boolean; last?: boolean; normalized?: string; model?: TextReading['acts'] },
  ): TurnActs;
  /**
   * The learned red-line model's probability of each red line (rude, off-platform,
   * review-reward) for one turn, and the n-grams that argue most for one of them (the evidence a
   * reviewer reads). Rules that need it are skipped when it is not provided.
   */
  redLines?(text: string, turn: { normalized?: string; model?: RedLineModelName }): RedLineJudgement;
}

export interface RedLineJudgement {
  readonly scores: Readonly<Record<string, number>>;
  /** The strongest cues for `head` in this turn, strongest first. */
  cues(head: string): readonly string[];
}

export interface TurnActs {
  primary: string;
  acts: readonly string[];
  probabilities: Readonly<Record<string, number>>;
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
  /**
   * The words a learned model's finding rests on, strongest first (the red-line model's cues, which
   * its note quotes): as data, so a caller that names them (the pre-send check) never parses the note.
   */
  cues?: readonly string[];
}

/**
 * A condition's answer. `held` is three-valued: null means "cannot tell" (a fact such as the
 * sentiment model or the contact history was not provided), so `not` of it stays unknown and
 * the rule is reported as skipped instead of silently passing.
 */
export interface Outcome {
  held: boolean | null;
  /**
   * Read-only: outcomes may be shared (NOT_HELD, `unknown(...)`, a metadata answer per value)
   * and frozen, so whoever combines them copies into a fresh array.
   */
  evidence: readonly Evidence[];
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

/**
 * The conversation's keyword matches as columns: match k is in message `message[k]`, spans
 * `start[k] .. end[k]` and is keyword `pattern[k]` (its text: `words[pattern[k]]`). The matches
 * of group g are k = from[g] .. to[g] - 1, in text order (message, start, end); a match that
 * belongs to several groups appears once in each. No object per match: most matches are only
 * compared, never reported. The arrays are reused by the next conversation scored, so read them
 * while the conversation is being scored, and copy what you keep.
 */
export interface MatchTable {
  readonly message: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly pattern: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly words: readonly string[];
}

/** How a scorecard's rules read text (the scorecard's `text`, defaults applied). */
export interface TextReading {
  /** The edition of match normalisation (match.normalize.ts). */
  readonly normalize: 1 | 2;
  /** The dialogue-act model (dialogue-act.model.ts). */
  readonly acts: 'r1' | 'r2' | 'r3' | 'r4' | 'r5' | 'r6' | 'r7';
}

/** Per-conversation view shared by every operator; derived data is computed once. */
export interface EvalContext {
  /** How the scorecard being applied reads text. */
  readonly reading: TextReading;
  readonly conversation: Conversation;
  readonly messages: readonly ConversationMessage[];
  readonly facts: ScoringFacts;
  /**
   * Position of each message among the messages of its role (0 = that role's first). Reused
   * by the next conversation scored, like `keywords`.
   */
  readonly roleOrdinal: ArrayLike<number>;
  roleCount(role: MessageRole): number;
  /** Every keyword match of the conversation, by keyword group (see MatchTable). */
  readonly keywords: MatchTable;
  /**
   * Per-conversation derived data shared by operators (waits, sentiment per message, vectors):
   * computed on first use, then reused by every rule of this conversation.
   */
  memo<T>(key: MemoKey<T>): T;
  /** Buffers operators reuse instead of allocating (see OperatorScratch): valid like `keywords`. */
  readonly scratch: OperatorScratch;
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
