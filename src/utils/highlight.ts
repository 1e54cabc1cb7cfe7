/**
 * Splitting a text into plain and highlighted runs for rule hits and alert evidence.
 * Pure and platform-neutral so the chat bubbles and the hit list share one tested rule.
 */

/** A highlight request: [start, end) in UTF-16 code units, as the scoring engine reports spans. */
export type HighlightSpan = readonly [number, number];

export interface TextSegment {
  text: string;
  /** [start, end) of this run in the original text. */
  start: number;
  end: number;
  /** Indices (into the `spans` argument) of every span covering this run; empty = plain text. */
  spanIndices: number[];
}

/**
 * Cuts `text` at every span boundary. Spans are clamped to the text, empty or inverted spans
 * (after clamping) are ignored, and overlapping spans produce separate runs that list every span
 * covering them, so the caller can style a run by its strongest hit. Adjacent runs covered by
 * the same spans are merged; concatenating the runs' text always gives back `text`.
 */
export function splitByHighlights(text: string, spans: ReadonlyArray<HighlightSpan | null | undefined>): TextSegment[] {
  if (text.length === 0) return [];
  const clamped: Array<{ start: number; end: number; index: number }> = [];
  spans.forEach((span, index) => {
    if (!span) return;
    const start = clamp(Math.floor(span[0]), 0, text.length);
    const end = clamp(Math.ceil(span[1]), 0, text.length);
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) clamped.push({ start, end, index });
  });

  const cuts = new Set<number>([0, text.length]);
  for (const s of clamped) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);

  const segments: TextSegment[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i];
    const end = points[i + 1];
    const spanIndices = clamped.filter((s) => s.start <= start && s.end >= end).map((s) => s.index);
    const last = segments[segments.length - 1];
    if (last && sameMembers(last.spanIndices, spanIndices)) {
      last.end = end;
      last.text = text.slice(last.start, end);
    } else {
      segments.push({ text: text.slice(start, end), start, end, spanIndices });
    }
  }
  return segments;
}

/**
 * Where a span of the full message text falls inside an excerpt of it (the excerpt is a
 * window around the span, possibly with ellipses), or null when it cannot be found.
 */
export function locateInExcerpt(fullText: string, span: HighlightSpan | null, excerpt: string): HighlightSpan | null {
  if (!span) return null;
  const needle = fullText.slice(Math.max(0, span[0]), Math.max(0, span[1]));
  if (needle.length === 0) return null;
  const at = excerpt.indexOf(needle);
  return at < 0 ? null : [at, at + needle.length];
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

function sameMembers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
