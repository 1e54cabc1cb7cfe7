/**
 * Buffers the operators reuse instead of allocating per evaluation. One set belongs to each
 * scoring context (scoring.context.ts) and is only valid while its conversation is scored: read
 * a buffer during the evaluation that filled it (or, for `waits`, the conversation), and copy
 * what you keep.
 */

/** Flat `start, end` pairs; `length` numbers are in use. */
export class SpanList {
  at = new Int32Array(16);
  length = 0;

  push(start: number, end: number): void {
    if (this.length + 2 > this.at.length) {
      const grown = new Int32Array(this.at.length * 2);
      grown.set(this.at);
      this.at = grown;
    }
    this.at[this.length++] = start;
    this.at[this.length++] = end;
  }
}

export class OperatorScratch {
  /** keywords: the rows of the match table that count, while one finder runs. */
  private keptRows = new Int32Array(64);
  /** timing: the conversation's waits (see timing.operator.ts `Waits`). */
  readonly waits = { pairs: new Int32Array(32), length: 0 };
  /** regex: one message's matches of a pattern, and of its exclusion. */
  readonly found = new SpanList();
  readonly excluded = new SpanList();

  /** The row buffer, with room for at least `n` rows (its contents are not kept when it grows). */
  rows(n: number): Int32Array {
    if (this.keptRows.length < n) this.keptRows = new Int32Array(n * 2);
    return this.keptRows;
  }

  /** The wait buffer, with room for `n` numbers. */
  waitPairs(n: number): Int32Array {
    if (this.waits.pairs.length < n) this.waits.pairs = new Int32Array(2 * n);
    return this.waits.pairs;
  }
}
