/**
 * From a rule that held to its hits: evidence ordered and de-duplicated, points capped, reasons
 * worded, excerpts cut from the masked text; and the order hits are listed in.
 */
import type { Conversation, ScoreHit, SkippedRule } from '../model';
import type { CompiledRule } from './scorecard.compile';
import type { Evidence, Outcome } from './scoring.types';

const EXCERPT_CONTEXT = 12;
const EXCERPT_WHOLE = 40;

/** Text around the evidence, from the masked message text only. */
export function excerptOf(conversation: Conversation, e: Pick<Evidence, 'messageIndex' | 'span'>): string {
  if (e.messageIndex === null) return '';
  const text = conversation.messages[e.messageIndex]?.text ?? '';
  if (!e.span) return text.length > EXCERPT_WHOLE ? `${text.slice(0, EXCERPT_WHOLE)}…` : text;
  const from = Math.max(0, e.span[0] - EXCERPT_CONTEXT);
  const to = Math.min(text.length, e.span[1] + EXCERPT_CONTEXT);
  // Joined once, not piecewise: every hit has an excerpt, and each join makes a string.
  const part = text.slice(from, to);
  if (from > 0) return to < text.length ? `…${part}…` : `…${part}`;
  return to < text.length ? `${part}…` : part;
}

function compareEvidence(a: Evidence, b: Evidence): number {
  return (
    (a.messageIndex ?? -1) - (b.messageIndex ?? -1) ||
    (a.span?.[0] ?? -1) - (b.span?.[0] ?? -1) ||
    (b.span?.[1] ?? -1) - (a.span?.[1] ?? -1)
  );
}

/**
 * Evidence in message order, each finding once: two branches of a rule that point at overlapping
 * text (「保证」 and 「保证明天一定到」) are one finding, counted once.
 */
function sortEvidence(evidence: readonly Evidence[]): readonly Evidence[] {
  if (evidence.length < 2) return evidence;
  // Operators mostly report in text order already; a stable sort would then change nothing.
  let ordered = true;
  for (let i = 1; i < evidence.length && ordered; i++) ordered = compareEvidence(evidence[i - 1], evidence[i]) <= 0;
  if (ordered) {
    // Usually no two findings overlap either: then the evidence is its own answer.
    let distinct = true;
    for (let i = 1; i < evidence.length && distinct; i++) distinct = !sameFinding(evidence[i - 1], evidence[i]);
    if (distinct) return evidence;
  }
  const sorted = ordered ? evidence : evidence.slice().sort(compareEvidence);
  const out: Evidence[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && sameFinding(prev, e)) continue;
    out.push(e);
  }
  return out;
}

/** Whether `e`, which does not come before `prev`, points at the same finding. */
function sameFinding(prev: Evidence, e: Evidence): boolean {
  if (prev.messageIndex !== e.messageIndex) return false;
  if (prev.span === null && e.span === null) return true;
  return prev.span !== null && e.span !== null && e.span[0] < prev.span[1];
}

function hit(
  compiled: CompiledRule,
  conversation: Conversation,
  e: Pick<Evidence, 'messageIndex' | 'span'>,
  points: number,
  reason: string,
  cues: readonly string[] | undefined,
): ScoreHit {
  const rule = compiled.rule;
  // Built as a literal: object spread is the slowest thing on this hot path.
  const h: ScoreHit = {
    ruleId: rule.id,
    ruleVersion: rule.version,
    ruleName: rule.name,
    messageIndex: e.messageIndex,
    span: e.span,
    excerpt: excerptOf(conversation, e),
    points: points === 0 ? 0 : points,
    reason,
  };
  if (rule.critical) h.redLine = true;
  if (cues !== undefined) h.cues = cues;
  return h;
}

const NO_EVIDENCE: Evidence = { messageIndex: null, span: null, note: '' };

function before(a: Evidence, b: Evidence): boolean {
  return (
    a.messageIndex! < b.messageIndex! ||
    (a.messageIndex === b.messageIndex && (a.span?.[0] ?? -1) < (b.span?.[0] ?? -1))
  );
}

/** Appends the hits of a rule that held to `hits`. */
export function addHits(hits: ScoreHit[], conversation: Conversation, compiled: CompiledRule, outcome: Outcome): void {
  const { rule, reasonPrefix } = compiled;
  const cap = rule.cap ?? Infinity;
  const sign = Math.sign(rule.points);
  const size = Math.abs(rule.points);
  if (rule.per === 'occurrence' && outcome.evidence.length > 0) {
    let used = 0;
    for (const e of sortEvidence(outcome.evidence)) {
      // Findings past the cap stay listed (they are evidence) but move no points.
      const points = Math.min(size, Math.max(0, cap - used));
      used += points;
      hits.push(hit(compiled, conversation, e, sign * points, reasonPrefix + e.note, e.cues));
    }
    return;
  }
  // One hit for the session, anchored at the earliest finding in a message. Findings in messages
  // explain a hit better than the guards around them (「客服消息数 ≥ 1」), so they give the reason.
  // Distinct notes are gathered in order; most hits have one, kept without an array. The hit's
  // cues are those of the first note that names any, as its reason quotes them first.
  let anchor: Evidence | null = null;
  let note: string | null = null;
  let notes: string[] | null = null;
  let cues: readonly string[] | undefined;
  const evidence = outcome.evidence;
  for (let k = 0; k < evidence.length; k++) {
    const e = evidence[k];
    if (e.messageIndex === null) continue;
    if (anchor === null || before(e, anchor)) anchor = e;
    cues ??= e.cues;
    if (note === null) note = e.note;
    else if (e.note !== note && (notes === null || !notes.includes(e.note))) (notes ??= [note]).push(e.note);
  }
  if (anchor === null) {
    anchor = evidence[0] ?? NO_EVIDENCE;
    for (let k = 0; k < evidence.length; k++) {
      const n = evidence[k].note;
      cues ??= evidence[k].cues;
      if (note === null) note = n;
      else if (n !== note && (notes === null || !notes.includes(n))) (notes ??= [note]).push(n);
    }
  }
  const detail =
    notes === null
      ? note
      : notes.length <= 3
        ? notes.join('；')
        : `${notes.slice(0, 3).join('；')} 等 ${notes.length} 处`;
  hits.push(
    hit(compiled, conversation, anchor, sign * Math.min(size, cap), detail ? reasonPrefix + detail : rule.name, cues),
  );
}

function compareHits(a: ScoreHit, b: ScoreHit): number {
  return (
    (a.messageIndex ?? -1) - (b.messageIndex ?? -1) ||
    (a.span?.[0] ?? -1) - (b.span?.[0] ?? -1) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * Hits in a stable order: message, span, rule id. A stable insertion sort: a conversation has a
 * handful of hits, mostly already in order, and for that this beats Array.prototype.sort's
 * general machinery. Same order as a stable sort.
 */
export function sortHits(hits: ScoreHit[]): ScoreHit[] {
  for (let i = 1; i < hits.length; i++) {
    const h = hits[i];
    let j = i - 1;
    while (j >= 0 && compareHits(hits[j], h) > 0) {
      hits[j + 1] = hits[j];
      j--;
    }
    hits[j + 1] = h;
  }
  return hits;
}

/** The rule's entry in `skipped` for a reason: shared and frozen, built once per reason. */
export function skippedEntry(compiled: CompiledRule, reason: string): SkippedRule {
  let entry = compiled.skippedFor.get(reason);
  if (entry === undefined) {
    const { id, version } = compiled.rule;
    entry = Object.freeze({ ruleId: id, ruleVersion: version, reason });
    compiled.skippedFor.set(reason, entry);
  }
  return entry;
}

/** The rules that cost the most points, by name, each once (at most three): the card's reasons. */
export function lostRules(score: { hits: readonly ScoreHit[] }): string[] {
  const cost = new Map<string, number>();
  for (const h of score.hits) {
    if (h.points >= 0 && !h.redLine) continue;
    const name = h.ruleName ?? h.ruleId;
    cost.set(name, (cost.get(name) ?? 0) + (h.redLine ? 1000 : -h.points));
  }
  return [...cost.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name]) => name);
}
