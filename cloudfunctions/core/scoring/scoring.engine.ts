/**
 * The scoring engine: a scorecard (data) is compiled once per version into closures and one
 * keyword automaton; a conversation is then scored by a pure function whose result carries its
 * evidence (rule id and version, message, span, masked excerpt, points, reason).
 */
import { DomainError } from '../errors';
import type {
  Conversation,
  ConversationMessage,
  MessageRole,
  ScoreHit,
  ScoreResult,
  SectionScore,
  SkippedRule,
} from '../model';
import { AhoCorasick, foldText, isAlnum, onTokenBoundary } from './matcher/aho-corasick';
import { DEFAULT_OPERATORS, type OperatorRegistry } from './operators/operator.registry';
import { NOT_HELD } from './operators/operator.types';
import {
  parseScorecard,
  SCORECARD_INVALID,
  formatPath,
  type Condition,
  type Rule,
  type Scorecard,
  type ScorecardInput,
} from './scorecard.schema';
import type { EvalContext, Evidence, MatchTable, MemoKey, Outcome, ScoringFacts } from './scoring.types';

type CompiledCondition = (ctx: EvalContext) => Outcome;

interface CompiledRule {
  rule: Rule;
  section: number;
  when: CompiledCondition;
  /** `name：`, the start of every reason the rule gives. */
  reasonPrefix: string;
  /** What `skipped` says for this rule, per reason: the same few answers for every conversation. */
  skippedFor: Map<string, SkippedRule>;
}

export interface CompiledScorecard {
  readonly scorecard: Scorecard;
  readonly rules: readonly CompiledRule[];
  /** Each section's share of the base score. */
  readonly sectionMax: readonly number[];
  readonly matcher: AhoCorasick;
  /** For pattern p: the keyword groups it belongs to, groupsOf[groupStart[p] .. groupStart[p+1]). */
  readonly groupStart: Int32Array;
  readonly groupsOf: Int32Array;
  /** Per pattern: its only group, or -1 when it is in several (then see groupStart/groupsOf). */
  readonly soleGroup: Int32Array;
  readonly groupCount: number;
  /** Per pattern: bit 1 = starts with an ASCII letter or digit, bit 2 = ends with one. */
  readonly edges: Uint8Array;
  /** Per pattern: its length in code units. */
  readonly lengths: Int32Array;
}

/** Collects every keyword list of the scorecard into one pattern table. */
class KeywordTable {
  readonly patterns: string[] = [];
  private readonly byFolded = new Map<string, number>();
  private readonly groupByKey = new Map<string, number>();
  readonly groups: number[][] = [];

  keywordGroup(words: readonly string[]): number {
    const ids = [...new Set(words.map((w) => this.pattern(w)))].sort((a, b) => a - b);
    const key = ids.join(',');
    let g = this.groupByKey.get(key);
    if (g === undefined) {
      g = this.groups.length;
      this.groups.push(ids);
      this.groupByKey.set(key, g);
    }
    return g;
  }

  private pattern(word: string): number {
    const folded = foldText(word);
    let id = this.byFolded.get(folded);
    if (id === undefined) {
      id = this.patterns.length;
      this.patterns.push(word);
      this.byFolded.set(folded, id);
    }
    return id;
  }
}

/** A condition ready to run, with the rough cost of running it (see OperatorDefinition.cost). */
interface CompiledPart {
  run: CompiledCondition;
  cost: number;
}

function compileCondition(
  c: Condition,
  path: (string | number)[],
  registry: OperatorRegistry,
  table: KeywordTable,
  heldOnly = false,
): CompiledPart {
  if ('all' in c || 'any' in c) {
    const all = 'all' in c;
    const list = all ? c.all : c.any;
    const parts = list.map((x, i) => compileCondition(x, [...path, all ? 'all' : 'any', i], registry, table, heldOnly));
    const runs = parts.map((p) => p.run);
    const cost = parts.reduce((sum, p) => sum + p.cost, 0);
    // Cheapest first, ties in written order. The answer does not depend on the order; only
    // how soon `all` meets a part that does not hold (and `any` under `not` one that does).
    const order = parts.map((_, i) => i).sort((a, b) => parts[a].cost - parts[b].cost || a - b);
    const byCost = order.map((i) => runs[i]);
    const positions = Int32Array.from(order);
    if (all) return { run: (ctx) => combineAll(byCost, positions, ctx), cost };
    if (heldOnly) return { run: (ctx) => firstHeld(byCost, positions, ctx), cost };
    return { run: (ctx) => combineAny(runs, ctx), cost };
  }
  if ('not' in c) {
    // Evidence under `not` is discarded, so the operators below may stop at the first finding.
    const inner = compileCondition(c.not, [...path, 'not'], registry, table, true);
    const run = inner.run;
    return {
      run: (ctx) => {
        const o = run(ctx);
        return o.held === null ? o : o.held ? NOT_HELD : HELD_WITHOUT_EVIDENCE;
      },
      cost: inner.cost,
    };
  }
  const op = registry.get(c.op);
  if (!op) throw new DomainError(SCORECARD_INVALID, `${formatPath([...path, 'op'])}: 未知的运算符「${c.op}」`);
  const parsed = op.params.safeParse(c.params ?? {});
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new DomainError(SCORECARD_INVALID, `${formatPath([...path, 'params', ...i.path])}: ${i.message}`);
  }
  const prepared = op.prepare(parsed.data, table);
  return { run: (ctx) => op.evaluate(ctx, prepared, heldOnly), cost: op.cost };
}

/**
 * The outcomes of the `all` and `any` conditions being evaluated, each at its part's written
 * position, until the condition answers. A stack, because conditions nest; the engine is
 * synchronous, so one serves every scoring.
 */
const pending: Outcome[] = [];
let pendingTop = 0;

/**
 * `all`: every part holds. Parts run cheapest first and the first that does not hold settles it
 * (most conjunctions fail), whatever the parts before it answered. Otherwise see `settle`.
 */
function combineAll(byCost: readonly CompiledCondition[], positions: Int32Array, ctx: EvalContext): Outcome {
  const n = byCost.length;
  const base = pendingTop;
  pendingTop += n;
  for (let k = 0; k < n; k++) {
    const o = byCost[k](ctx);
    if (o.held === false) {
      pendingTop = base;
      return NOT_HELD;
    }
    pending[base + positions[k]] = o;
  }
  pendingTop = base;
  return settle(base, n, true);
}

/** `any`: some part holds. Every part runs, so a hit lists all of its evidence. */
function combineAny(parts: readonly CompiledCondition[], ctx: EvalContext): Outcome {
  const n = parts.length;
  const base = pendingTop;
  pendingTop += n;
  for (let i = 0; i < n; i++) pending[base + i] = parts[i](ctx);
  pendingTop = base;
  return settle(base, n, false);
}

/**
 * The answer of `all` (with no part that does not hold) or `any` from its parts' outcomes in
 * written order, `pending[base .. base + n)`. A single part that holds is answered as it is; the
 * evidence of several is joined in order into a fresh array (operators' arrays may be shared).
 * An unknown part makes `all` unknown, and `any` unknown unless another part holds, for the first
 * unknown part's reason (its outcome, as is).
 */
function settle(base: number, n: number, all: boolean): Outcome {
  let held = 0;
  let first: Outcome | null = null;
  let missing: Outcome | null = null;
  let size = 0;
  for (let i = base; i < base + n; i++) {
    const o = pending[i];
    if (o.held === true) {
      if (held++ === 0) first = o;
      size += o.evidence.length;
    } else if (o.held === null) missing ??= o;
  }
  if (all && missing !== null) return missing;
  if (held > 1) {
    const evidence = new Array<Evidence>(size);
    let w = 0;
    for (let i = base; i < base + n; i++) {
      const o = pending[i];
      if (o.held !== true) continue;
      const part = o.evidence;
      for (let k = 0; k < part.length; k++) evidence[w++] = part[k];
    }
    return { held: true, evidence };
  }
  return first ?? missing ?? (all ? HELD_WITHOUT_EVIDENCE : NOT_HELD);
}

/**
 * `any` under `not`: only whether some part holds matters, so the first that holds settles it.
 * If none does, the answer is `settle`'s: the unknown part written first, or "does not hold".
 */
function firstHeld(byCost: readonly CompiledCondition[], positions: Int32Array, ctx: EvalContext): Outcome {
  let missing: Outcome | null = null;
  let missingAt = Infinity;
  for (let k = 0; k < byCost.length; k++) {
    const o = byCost[k](ctx);
    if (o.held === true) return o;
    if (o.held === null && positions[k] < missingAt) {
      missing = o;
      missingAt = positions[k];
    }
  }
  return missing ?? NOT_HELD;
}

/** "Holds", with nothing to point at (a `not` that holds). Shared and frozen, like NOT_HELD. */
const HELD_WITHOUT_EVIDENCE: Outcome = Object.freeze({
  held: true,
  evidence: Object.freeze([]) as unknown as Evidence[],
});

/** Validates and compiles a scorecard. Cache the result per (id, version): it is immutable. */
export function compileScorecard(
  input: Scorecard | ScorecardInput,
  registry: OperatorRegistry = DEFAULT_OPERATORS,
): CompiledScorecard {
  const scorecard = parseScorecard(input, registry);
  const table = new KeywordTable();
  const rules: CompiledRule[] = [];
  scorecard.sections.forEach((s, si) =>
    s.rules.forEach((rule, ri) => {
      if (!rule.enabled) return;
      rules.push({
        rule,
        section: si,
        when: compileCondition(rule.when, ['sections', si, 'rules', ri, 'when'], registry, table).run,
        reasonPrefix: `${rule.name}：`,
        skippedFor: new Map(),
      });
    }),
  );
  const weights = scorecard.sections.reduce((sum, s) => sum + s.weight, 0);
  const sectionMax = scorecard.sections.map((s) => round2((scorecard.baseScore * s.weight) / weights));

  const groupStart = new Int32Array(table.patterns.length + 1);
  const perPattern: number[][] = table.patterns.map(() => []);
  table.groups.forEach((ids, g) => ids.forEach((p) => perPattern[p].push(g)));
  let n = 0;
  perPattern.forEach((gs, p) => {
    groupStart[p] = n;
    n += gs.length;
  });
  groupStart[table.patterns.length] = n;
  const groupsOf = Int32Array.from(perPattern.flat());
  const soleGroup = Int32Array.from(perPattern, (gs) => (gs.length === 1 ? gs[0] : -1));

  const edges = Uint8Array.from(
    table.patterns,
    (w) => (isAlnum(w.charCodeAt(0)) ? 1 : 0) | (isAlnum(w.charCodeAt(w.length - 1)) ? 2 : 0),
  );

  return Object.freeze({
    edges,
    lengths: Int32Array.from(table.patterns, (w) => w.length),
    scorecard,
    rules,
    sectionMax,
    matcher: new AhoCorasick(table.patterns),
    groupStart,
    groupsOf,
    soleGroup,
    groupCount: table.groups.length,
  });
}

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

/** Per section: the points the conversation being scored moves (scratch, like the matches). */
let sectionScratch = new Float64Array(8);

/**
 * The matches of the conversation being scored, filed by keyword group as the scan finds them:
 * group g owns rows g * capacity .. (g + 1) * capacity - 1 and fills them from the start. Shared
 * by all scorings: the engine is synchronous and a context is used only while its conversation
 * is scored, so one set of buffers serves every conversation without allocating.
 */
class ScratchTable implements MatchTable {
  capacity = 32;
  message = new Int32Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  pattern = new Int32Array(0);
  from = new Int32Array(0);
  to = new Int32Array(0);
  words: readonly string[] = [];

  /** Empties every group (and makes room for `groups` of them). */
  reset(groups: number): void {
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
}

const scratchTable = new ScratchTable();

/**
 * Puts a match at the end of its group, moved back past any of the same message starting later
 * (the scan finds matches by end position; groups are ordered by start). False when the group
 * is full.
 */
function place(t: ScratchTable, g: number, mi: number, s: number, e: number, p: number): boolean {
  const { message, start, end, pattern } = t;
  const first = t.from[g];
  let at = t.to[g];
  if (at - first === t.capacity) return false;
  t.to[g] = at + 1;
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

/**
 * The one pass over the text: every keyword of every rule at once. Each match is filed into its
 * keyword groups as it is found; Latin and digit words that are not whole tokens are dropped.
 * Also numbers each message among its role's. False when a group ran out of rows.
 */
function scanConversation(
  compiled: CompiledScorecard,
  messages: readonly ConversationMessage[],
  roleOrdinal: Int32Array,
  counts: number[],
  t: ScratchTable,
): boolean {
  const { groupStart, groupsOf, soleGroup, edges, lengths } = compiled;
  const { classOf, delta, width, outStart, outIds } = compiled.matcher.automaton;
  counts[0] = counts[1] = counts[2] = counts[3] = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    roleOrdinal[i] = counts[roleSlot(m.role)]++;
    const text = m.text;
    let at = 0;
    for (let c = 0; c < text.length; c++) {
      at = delta[at + classOf[text.charCodeAt(c)]];
      if (at >= 0) continue;
      at = -at;
      const state = at / width;
      // Bounds read once: the stores into the table's columns could alias them as far as the
      // compiler knows.
      const outEnd = outStart[state + 1];
      for (let j = outStart[state]; j < outEnd; j++) {
        const p = outIds[j];
        const e = c + 1;
        const s = e - lengths[p];
        if (edges[p] !== 0 && !onTokenBoundary(text, s, e, edges[p])) continue;
        // Most words belong to one group; the others are listed.
        const g = soleGroup[p];
        if (g >= 0) {
          if (!place(t, g, i, s, e, p)) return false;
        } else {
          const last = groupStart[p + 1];
          for (let k = groupStart[p]; k < last; k++) if (!place(t, groupsOf[k], i, s, e, p)) return false;
        }
      }
    }
  }
  return true;
}

/**
 * The per-conversation view operators read. One instance serves every scoring, like the match
 * table: the engine is synchronous and a context is used only while its conversation is scored,
 * so it is reloaded for each conversation instead of allocated.
 */
class ConversationContext implements EvalContext {
  conversation: Conversation = { id: '', channel: 'mp-kf', customerId: '', agentId: '', messages: [] };
  messages: readonly ConversationMessage[] = [];
  facts: ScoringFacts = {};
  roleOrdinal = new Int32Array(64);
  readonly keywords = scratchTable;
  private readonly counts = [0, 0, 0, 0];
  /** Derived data by memo slot; undefined = not computed for this conversation yet. */
  private readonly memos: unknown[] = [];

  /** Makes this the context of `conversation`: scans it and forgets the previous one's data. */
  load(compiled: CompiledScorecard, conversation: Conversation, facts: ScoringFacts): this {
    const messages = conversation.messages;
    this.conversation = conversation;
    this.messages = messages;
    this.facts = facts;
    this.memos.fill(undefined);
    if (this.roleOrdinal.length < messages.length) this.roleOrdinal = new Int32Array(messages.length * 2);
    const t = this.keywords;
    t.reset(compiled.groupCount);
    while (!scanConversation(compiled, messages, this.roleOrdinal, this.counts, t)) {
      // A keyword group found more matches than it has rows: give every group twice as many.
      t.capacity *= 2;
      t.reset(compiled.groupCount);
    }
    t.words = compiled.matcher.patterns;
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
}

const context = new ConversationContext();

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

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
function sortEvidence(evidence: Evidence[]): Evidence[] {
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
  rule: Rule,
  conversation: Conversation,
  e: Pick<Evidence, 'messageIndex' | 'span'>,
  points: number,
  reason: string,
): ScoreHit {
  // Built as a literal: object spread is the slowest thing on this hot path.
  const h: ScoreHit = {
    ruleId: rule.id,
    ruleVersion: rule.version,
    messageIndex: e.messageIndex,
    span: e.span,
    excerpt: excerptOf(conversation, e),
    points: points === 0 ? 0 : points,
    reason,
  };
  if (rule.critical) h.redLine = true;
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
function addHits(hits: ScoreHit[], conversation: Conversation, compiled: CompiledRule, outcome: Outcome): void {
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
      hits.push(hit(rule, conversation, e, sign * points, reasonPrefix + e.note));
    }
    return;
  }
  // One hit for the session, anchored at the earliest finding in a message. Findings in messages
  // explain a hit better than the guards around them (「客服消息数 ≥ 1」), so they give the reason.
  // Distinct notes are gathered in order; most hits have one, kept without an array.
  let anchor: Evidence | null = null;
  let note: string | null = null;
  let notes: string[] | null = null;
  const evidence = outcome.evidence;
  for (let k = 0; k < evidence.length; k++) {
    const e = evidence[k];
    if (e.messageIndex === null) continue;
    if (anchor === null || before(e, anchor)) anchor = e;
    if (note === null) note = e.note;
    else if (e.note !== note && (notes === null || !notes.includes(e.note))) (notes ??= [note]).push(e.note);
  }
  if (anchor === null) {
    anchor = evidence[0] ?? NO_EVIDENCE;
    for (let k = 0; k < evidence.length; k++) {
      const n = evidence[k].note;
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
  hits.push(hit(rule, conversation, anchor, sign * Math.min(size, cap), detail ? reasonPrefix + detail : rule.name));
}

function compareHits(a: ScoreHit, b: ScoreHit): number {
  return (
    (a.messageIndex ?? -1) - (b.messageIndex ?? -1) ||
    (a.span?.[0] ?? -1) - (b.span?.[0] ?? -1) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * Stable insertion sort: a conversation has a handful of hits, mostly already in order, and for
 * that this beats Array.prototype.sort's general machinery. Same order as a stable sort.
 */
function sortHits(hits: ScoreHit[]): ScoreHit[] {
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
function skippedEntry(compiled: CompiledRule, reason: string): SkippedRule {
  let entry = compiled.skippedFor.get(reason);
  if (entry === undefined) {
    const { id, version } = compiled.rule;
    entry = Object.freeze({ ruleId: id, ruleVersion: version, reason });
    compiled.skippedFor.set(reason, entry);
  }
  return entry;
}

/**
 * Scores one conversation. Pure: the same compiled scorecard, conversation and facts give the
 * same result, hits in a stable order (message, span, rule id).
 */
export function scoreConversation(
  compiled: CompiledScorecard,
  conversation: Conversation,
  facts: ScoringFacts = {},
): ScoreResult {
  const { scorecard, sectionMax } = compiled;
  const ctx = context.load(compiled, conversation, facts);
  pendingTop = 0; // in case an operator threw out of the last scoring
  const sectionCount = sectionMax.length;
  if (sectionScratch.length < sectionCount) sectionScratch = new Float64Array(sectionCount * 2);
  // Points moved per section (NaN once a critical rule zeroes it): scratch, read back below.
  const delta = sectionScratch;
  delta.fill(0, 0, sectionCount);
  let failed = false;
  let redLine = false;
  const hits: ScoreHit[] = [];
  let skipped: SkippedRule[] | null = null;

  const rules = compiled.rules;
  for (let r = 0; r < rules.length; r++) {
    const compiledRule = rules[r];
    const { rule, section, when } = compiledRule;
    const outcome = when(ctx);
    if (outcome.held === null) {
      (skipped ??= []).push(skippedEntry(compiledRule, outcome.missing ?? '条件无法判定'));
      continue;
    }
    if (!outcome.held) continue;
    const first = hits.length;
    addHits(hits, conversation, compiledRule, outcome);
    for (let k = first; k < hits.length; k++) delta[section] += hits[k].points;
    if (rule.critical) {
      redLine = true;
      if (rule.critical === 'fail-session') failed = true;
      else delta[section] = NaN;
    }
  }

  const sections: SectionScore[] = new Array<SectionScore>(sectionCount);
  let sum = 0;
  for (let i = 0; i < sectionCount; i++) {
    const s = scorecard.sections[i];
    const d = delta[i];
    const score = d !== d ? 0 : round2(Math.min(sectionMax[i], Math.max(0, sectionMax[i] + d)));
    sections[i] = { id: s.id, name: s.name, score, max: sectionMax[i] };
    sum += score;
  }
  const total = round2(sum);
  const result: ScoreResult = {
    scorecardId: scorecard.id,
    scorecardVersion: scorecard.version,
    total,
    passed: !failed && total >= scorecard.passThreshold,
    redLine,
    sections,
    hits: sortHits(hits),
  };
  if (skipped !== null) result.skipped = skipped;
  return result;
}
