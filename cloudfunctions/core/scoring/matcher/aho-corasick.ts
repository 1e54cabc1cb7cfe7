/**
 * Multi-pattern matcher (Aho-Corasick) compiled into a dense DFA over a reduced alphabet.
 *
 * Every keyword of a scorecard version goes into one automaton, so a message is read once
 * however many rules and keywords there are. The alphabet is the set of characters that occur in
 * the patterns: any other character maps to class 0, which always leads back to the root. That
 * keeps the transition table small (states x alphabet) and a step costs two array reads.
 *
 * Matching folds ASCII letters to lower case and full-width ASCII to half-width (Ｖｘ, VX and vx
 * all match `vx`). The folding maps one UTF-16 unit to one unit, so spans stay valid in the
 * original text.
 */

/** The character a code unit is matched as: case- and width-folded, same length. */
export function foldCode(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ASCII
  if (code >= 65 && code <= 90) code += 32;
  return code;
}

export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return out;
}

export function isAlnum(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/**
 * Latin and digit keywords match whole tokens only: 「12345」 (a hotline) must not fire inside
 * order number 2025050612345678901, nor 「vx」 inside a longer latin word. Chinese has no such
 * boundary, so CJK edges are free.
 */
export function onTokenBoundary(text: string, start: number, end: number, edge: number): boolean {
  if (edge & 1 && start > 0 && isAlnum(text.charCodeAt(start - 1))) return false;
  if (edge & 2 && end < text.length && isAlnum(text.charCodeAt(end))) return false;
  return true;
}

/** Receives the matches of a scan (see AhoCorasick.scan). */
export interface MatchSink {
  /** Pattern `pattern` occurs at `start .. end` of the text. False stops the scan. */
  match(pattern: number, start: number, end: number): boolean;
}

export class AhoCorasick {
  readonly patterns: readonly string[];
  /** Folded code unit -> alphabet class (0 = a character no pattern contains). */
  private readonly classOf: Uint16Array;
  private readonly width: number;
  /**
   * Dense DFA over premultiplied state offsets: next = delta[offset + class], where offset is
   * state * width, negated when the state reports patterns (so the common no-output step is one
   * sign test).
   */
  private readonly delta: Int32Array;
  /** Patterns ending at each state (own and through suffix links): outIds[outStart[s] .. outStart[s+1]). */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  private readonly lengths: Int32Array;
  /** Per pattern: bit 1 = starts with an ASCII letter or digit, bit 2 = ends with one. */
  private readonly edges: Uint8Array;

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    this.edges = Uint8Array.from(patterns, (p) =>
      p.length === 0 ? 0 : (isAlnum(p.charCodeAt(0)) ? 1 : 0) | (isAlnum(p.charCodeAt(p.length - 1)) ? 2 : 0),
    );

    // 1. Alphabet over the folded pattern characters.
    this.classOf = new Uint16Array(65536);
    let width = 1;
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const c = foldCode(p.charCodeAt(i));
        if (this.classOf[c] === 0) this.classOf[c] = width++;
      }
    }
    // Unfolded spellings share their folded class.
    const foldable = (code: number) => {
      const f = foldCode(code);
      if (this.classOf[f] !== 0) this.classOf[code] = this.classOf[f];
    };
    for (let code = 65; code <= 90; code++) foldable(code);
    for (let code = 0xff01; code <= 0xff5e; code++) foldable(code);
    this.width = width;

    // 2. Trie.
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    patterns.forEach((p, id) => {
      if (p.length === 0) return; // an empty keyword would match everywhere: never useful
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const k = this.classOf[foldCode(p.charCodeAt(i))];
        let next = children[s].get(k);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[s].set(k, next);
        }
        s = next;
      }
      own[s].push(id);
    });

    // 3. Suffix links by BFS, filling the dense table as we go (standard DFA construction).
    const n = children.length;
    const delta = new Int32Array(n * width);
    const fail = new Int32Array(n);
    const order: number[] = [];
    for (const [k, child] of children[0]) {
      delta[k] = child;
      fail[child] = 0;
      order.push(child);
    }
    for (let head = 0; head < order.length; head++) {
      const s = order[head];
      const base = s * width;
      const failBase = fail[s] * width;
      for (let k = 0; k < width; k++) delta[base + k] = delta[failBase + k];
      for (const [k, child] of children[s]) {
        fail[child] = delta[failBase + k];
        delta[base + k] = child;
        order.push(child);
      }
    }

    // 4. Output sets, flattened: a state reports its own patterns then those of its suffix link.
    const outs: number[][] = new Array(n);
    outs[0] = own[0];
    for (const s of order) outs[s] = own[s].length ? own[s].concat(outs[fail[s]]) : outs[fail[s]];
    this.outStart = new Int32Array(n + 1);
    let total = 0;
    for (let s = 0; s < n; s++) {
      this.outStart[s] = total;
      total += outs[s].length;
    }
    this.outStart[n] = total;
    this.outIds = new Int32Array(total);
    for (let s = 0; s < n; s++) this.outIds.set(outs[s], this.outStart[s]);

    for (let i = 0; i < delta.length; i++) {
      const t = delta[i];
      delta[i] = outs[t].length > 0 ? -(t * width) : t * width;
    }
    this.delta = delta;
  }

  get stateCount(): number {
    return this.outStart.length - 1;
  }

  /**
   * Reads `text` once and reports every match to `sink`, by end position (matches ending at the
   * same character: longest first). Overlapping matches are all reported; Latin and digit edges
   * of a pattern match whole tokens only (see onTokenBoundary). Stops, answering false, when the
   * sink does; true otherwise. Nothing is allocated: a scoring scans every message of every
   * conversation with this loop.
   */
  scan(text: string, sink: MatchSink): boolean {
    const { classOf, delta, width, outStart, outIds, lengths, edges } = this;
    let at = 0;
    for (let c = 0; c < text.length; c++) {
      at = delta[at + classOf[text.charCodeAt(c)]];
      if (at >= 0) continue;
      at = -at;
      const state = at / width;
      // Bounds read once: the sink's stores could alias them as far as the compiler knows.
      const outEnd = outStart[state + 1];
      for (let j = outStart[state]; j < outEnd; j++) {
        const p = outIds[j];
        const e = c + 1;
        const s = e - lengths[p];
        if (edges[p] !== 0 && !onTokenBoundary(text, s, e, edges[p])) continue;
        if (!sink.match(p, s, e)) return false;
      }
    }
    return true;
  }

  /** Convenience form for tests and tools: `[patternId, start, end]` triples, as `scan` finds them. */
  findAll(text: string): [number, number, number][] {
    const res: [number, number, number][] = [];
    this.scan(text, {
      match(p, s, e) {
        res.push([p, s, e]);
        return true;
      },
    });
    return res;
  }
}
