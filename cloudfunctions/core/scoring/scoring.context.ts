/**
 * The per-conversation view operators read, and every buffer a scoring reuses: the keyword
 * matches, role numbering, derived data (memos), the combining stack, the operators' scratch and
 * the per-section points. The engine keeps one and reloads it for each conversation instead of
 * allocating: scoring is synchronous and a context is used only while its conversation is scored.
 */
import type { Conversation, ConversationMessage, MessageRole } from '../model';
import { OutcomeStack, type CombineContext } from './conditions.combine';
import { KeywordScan } from './keywords.scan';
import { OperatorScratch } from './operators/operator.scratch';
import type { CompiledScorecard } from './scorecard.compile';
import type { MemoKey, ScoringFacts, TextReading } from './scoring.types';

/** The reading of a scorecard that names none: what scorecard v2 shipped with. */
const FIRST_READING: TextReading = Object.freeze({ normalize: 1, acts: 'r1' });

/** Index of a role in the per-role counters (a switch: cheaper than a keyed lookup per message). */
function roleSlot(role: MessageRole): number {
  switch (role) {
    case 'customer':
      return 0;
    case 'agent':
      return 1;
    case 'system':
      return 2;
    default:
      return 3;
  }
}

export class ScoringContext implements CombineContext {
  conversation: Conversation = { id: '', channel: 'mp-kf', customerId: '', agentId: '', messages: [] };
  messages: readonly ConversationMessage[] = [];
  facts: ScoringFacts = {};
  reading: TextReading = FIRST_READING;
  roleOrdinal = new Int32Array(64);
  readonly keywords = new KeywordScan();
  readonly pending = new OutcomeStack();
  readonly scratch = new OperatorScratch();
  /** Per section: the points the conversation moves (NaN once a red line zeroes it). */
  sectionPoints = new Float64Array(8);
  private readonly counts = [0, 0, 0, 0];
  /** Derived data by memo slot; undefined = not computed for this conversation yet. */
  private readonly memos: unknown[] = [];

  /** Makes this the context of `conversation`: scans it and forgets the previous one's data. */
  load(compiled: CompiledScorecard, conversation: Conversation, facts: ScoringFacts): this {
    const messages = conversation.messages;
    this.conversation = conversation;
    this.messages = messages;
    this.facts = facts;
    this.reading = compiled.scorecard.text ?? FIRST_READING;
    this.memos.fill(undefined);
    this.pending.top = 0; // in case an operator threw out of the last scoring
    this.numberRoles(messages);
    this.keywords.load(compiled, messages);
    const sections = compiled.sectionMax.length;
    if (this.sectionPoints.length < sections) this.sectionPoints = new Float64Array(sections * 2);
    this.sectionPoints.fill(0, 0, sections);
    return this;
  }

  memo<T>(key: MemoKey<T>): T {
    const memos = this.memos;
    let value = memos[key.slot];
    if (value === undefined) {
      value = key.compute(this);
      while (memos.length < key.slot) memos.push(undefined);
      memos[key.slot] = value;
    }
    return value as T;
  }

  roleCount(role: MessageRole): number {
    return this.counts[roleSlot(role)];
  }

  /** Numbers each message among its role's (roleOrdinal) and counts each role's messages. */
  private numberRoles(messages: readonly ConversationMessage[]): void {
    if (this.roleOrdinal.length < messages.length) this.roleOrdinal = new Int32Array(messages.length * 2);
    const { roleOrdinal, counts } = this;
    counts[0] = counts[1] = counts[2] = counts[3] = 0;
    for (let i = 0; i < messages.length; i++) roleOrdinal[i] = counts[roleSlot(messages[i].role)]++;
  }
}
