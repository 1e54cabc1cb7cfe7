/**
 * The one pass over a conversation's text: every keyword of every rule at once, each match filed
 * into its keyword groups as the matcher finds it. The table is the context's, reused by every
 * conversation scored, so scanning allocates nothing once it has grown to fit.
 */
import type { ConversationMessage } from '../model';
import type { MatchSink } from './matcher/aho-corasick';
import type { CompiledScorecard } from './scorecard.compile';
import type { MatchTable } from './scoring.types';

/**
 * The matches of the conversation being scored, by keyword group (see MatchTable): group g owns
 * rows g * capacity .. (g + 1) * capacity - 1 and fills them from the start.
 */
export class KeywordScan implements MatchTable, MatchSink {
  private capacity = 32;
  message = new Int32Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  pattern = new Int32Array(0);
  from = new Int32Array(0);
  to = new Int32Array(0);
  words: readonly string[] = [];
  /** The scorecard's pattern -> group tables (see CompiledScorecard), and the message being read. */
  private soleGroup: Int32Array = new Int32Array(0);
  private groupStart: Int32Array = new Int32Array(0);
  private groupsOf: Int32Array = new Int32Array(0);
  private current = 0;

  /** Files every keyword match of `messages`, forgetting the previous conversation's. */
  load(compiled: CompiledScorecard, messages: readonly ConversationMessage[]): void {
    this.soleGroup = compiled.soleGroup;
    this.groupStart = compiled.groupStart;
    this.groupsOf = compiled.groupsOf;
    this.words = compiled.matcher.patterns;
    this.reset(compiled.groupCount);
    while (!this.scan(compiled, messages)) {
      // A keyword group found more matches than it has rows: give every group twice as many.
      this.capacity *= 2;
      this.reset(compiled.groupCount);
    }
  }

  /** The matcher's report: files match `start .. end` of keyword `pattern` in its groups. */
  match(pattern: number, start: number, end: number): boolean {
    // Most words belong to one group; the others are listed.
    const g = this.soleGroup[pattern];
    if (g >= 0) return this.place(g, start, end, pattern);
    const { groupStart, groupsOf } = this;
    const last = groupStart[pattern + 1];
    for (let k = groupStart[pattern]; k < last; k++) if (!this.place(groupsOf[k], start, end, pattern)) return false;
    return true;
  }

  /** False when a group ran out of rows. */
  private scan(compiled: CompiledScorecard, messages: readonly ConversationMessage[]): boolean {
    const matcher = compiled.matcher;
    for (let i = 0; i < messages.length; i++) {
      this.current = i;
      if (!matcher.scan(messages[i].text, this)) return false;
    }
    return true;
  }

  /** Empties every group (and makes room for `groups` of them). */
  private reset(groups: number): void {
    const cap = this.capacity;
    if (this.from.length < groups) {
      this.from = new Int32Array(groups);
      this.to = new Int32Array(groups);
    }
    if (this.message.length < groups * cap) {
      const n = groups * cap;
      this.message = new Int32Array(n);
      this.start = new Int32Array(n);
      this.end = new Int32Array(n);
      this.pattern = new Int32Array(n);
    }
    const { from, to } = this;
    for (let g = 0, row = 0; g < groups; g++, row += cap) from[g] = to[g] = row;
  }

  /**
   * Puts a match of the current message at the end of its group, moved back past any of the same
   * message starting later (the matcher reports matches by end position; groups are ordered by
   * start). False when the group is full.
   */
  private place(g: number, s: number, e: number, p: number): boolean {
    const { message, start, end, pattern } = this;
    const mi = this.current;
    const first = this.from[g];
    let at = this.to[g];
    if (at - first === this.capacity) return false;
    this.to[g] = at + 1;
    while (at > first && message[at - 1] === mi && (start[at - 1] > s || (start[at - 1] === s && end[at - 1] > e))) {
      message[at] = message[at - 1];
      start[at] = start[at - 1];
      end[at] = end[at - 1];
      pattern[at] = pattern[at - 1];
      at--;
    }
    message[at] = mi;
    start[at] = s;
    end[at] = e;
    pattern[at] = p;
    return true;
  }
}
