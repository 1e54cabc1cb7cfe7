/**
 * A plain reference for the scoring engine: what a scorecard means, written out the slow and
 * obvious way, to check the fast engine against (reference.differential.test.ts).
 *
 * Written from the scorecard format (scorecard.schema.ts) and the operators' documented
 * behaviour, not from the engine's code: no keyword automaton (every word is searched for in
 * every message with indexOf), no match table, no cost ordering or short-circuits (every part of
 * every condition is evaluated), no shared or reused buffers. It shares with the engine only
 * types, the parsed scorecard and operator parameters (so defaults are the schemas', not
 * restated), a few constants (default negation words, role labels), and the similarity
 * operator's vector functions, which are its definition.
 */
import type { Conversation, ConversationMessage, ScoreHit, ScoreResult, SkippedRule } from '@core/model';
import { DEFAULT_NEGATION_WORDS } from '@core/scoring/operators/keywords.operator';
import { ROLE_LABEL, type RoleSelector, type Within } from '@core/scoring/operators/message.scope';
import { DEFAULT_OPERATORS } from '@core/scoring/operators/operator.registry';
import { bestSimilarity, buildTemplateSpace, gramCounts } from '@core/scoring/operators/similarity.operator';
import {
  parseScorecard,
  type Condition,
  type Rule,
  type Scorecard,
  type ScorecardInput,
} from '@core/scoring/scorecard.schema';
import type { Evidence, ScoringFacts, SentimentLabel } from '@core/scoring/scoring.types';

/** A condition's answer: holds, does not, or cannot tell (then `missing` says why). */
interface Answer {
  held: boolean | null;
  evidence: Evidence[];
  missing?: string;
}

const NO: Answer = { held: false, evidence: [] };
const yes = (evidence: Evidence[]): Answer => ({ held: true, evidence });
const unknown = (missing: string): Answer => ({ held: null, evidence: [], missing });

interface Scene {
  conversation: Conversation;
  messages: readonly ConversationMessage[];
  facts: ScoringFacts;
}

// ---------------------------------------------------------------------------------------------
// Text: folding, token edges, finding words.

/** Full-width ASCII to half-width, then upper case to lower: one code unit for one. */
function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    out += String.fromCharCode(c);
  }
  return out;
}

/** ASCII letters and digits, half- or full-width. */
function isLatinOrDigit(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]$/.test(ch);
}

/** A word whose first (last) character is a Latin letter or digit must not continue a token there. */
function wholeToken(text: string, word: string, start: number, end: number): boolean {
  if (isLatinOrDigit(word[0]) && start > 0 && isLatinOrDigit(text[start - 1])) return false;
  if (isLatinOrDigit(word[word.length - 1]) && end < text.length && isLatinOrDigit(text[end])) return false;
  return true;
}

interface Found {
  messageIndex: number;
  start: number;
  end: number;
  word: string;
}

/**
 * Every place one of `words` occurs (folded, overlapping occurrences too, Latin/digit words as
 * whole tokens), in text order. Words that fold alike are one word, spelled as first written.
 */
function occurrences(scene: Scene, words: readonly string[]): Found[] {
  const distinct = new Map<string, string>();
  for (const w of words) if (!distinct.has(fold(w))) distinct.set(fold(w), w);
  const out: Found[] = [];
  scene.messages.forEach((m, messageIndex) => {
    const text = fold(m.text);
    for (const [folded, word] of distinct) {
      for (let at = text.indexOf(folded); at >= 0; at = text.indexOf(folded, at + 1)) {
        if (wholeToken(m.text, word, at, at + folded.length))
          out.push({ messageIndex, start: at, end: at + folded.length, word });
      }
    }
  });
  return out.sort((a, b) => a.messageIndex - b.messageIndex || a.start - b.start || a.end - b.end);
}

/** Whether message i is among the messages a condition looks at (role, then first/last N of it). */
function inScope(scene: Scene, i: number, role: RoleSelector, within: Within | undefined): boolean {
  if (role !== 'any' && scene.messages[i].role !== role) return false;
  if (!within) return true;
  const ofRole = scene.messages.map((_, k) => k).filter((k) => role === 'any' || scene.messages[k].role === role);
  const position = ofRole.indexOf(i);
  if (within.first !== undefined) return position < within.first;
  return position >= ofRole.length - within.last!;
}

const CLAUSE_BREAKS = '，。！？；,.!?;\n~～…';

/**
 * Whether a negation word ends at most `window` characters before `start`, with no clause break
 * between it and the keyword.
 */
function negated(text: string, start: number, words: readonly string[], window: number): boolean {
  for (let gap = 0; gap <= window && start - gap >= 0; gap++) {
    const end = start - gap;
    if (gap > 0 && CLAUSE_BREAKS.includes(text[end])) return false;
    for (const w of words) {
      const from = end - w.length;
      if (from >= 0 && fold(text.slice(from, end)) === fold(w) && wholeToken(text, w, from, end)) return true;
    }
  }
  return false;
}

interface FinderParams {
  words: string[];
  role: RoleSelector;
  within?: Within;
  exclude?: string[];
  negation?: boolean | { window: number; words?: string[] };
}

/**
 * The keyword findings that count: in scope, not overlapping an exclusion phrase, not negated,
 * and not lying inside a longer finding in the same place.
 */
function findWords(scene: Scene, p: FinderParams): Found[] {
  const exclusions = p.exclude?.length ? occurrences(scene, p.exclude) : [];
  const negation =
    p.negation === true ? { window: 2, words: DEFAULT_NEGATION_WORDS } : p.negation ? p.negation : undefined;
  const counted = occurrences(scene, p.words).filter(
    (m) =>
      inScope(scene, m.messageIndex, p.role, p.within) &&
      !exclusions.some((x) => x.messageIndex === m.messageIndex && x.start < m.end && m.start < x.end) &&
      !(
        negation &&
        negated(scene.messages[m.messageIndex].text, m.start, negation.words ?? DEFAULT_NEGATION_WORDS, negation.window)
      ),
  );
  return counted.filter(
    (m) =>
      !counted.some(
        (o) =>
          o !== m &&
          o.messageIndex === m.messageIndex &&
          o.start <= m.start &&
          o.end >= m.end &&
          o.end - o.start > m.end - m.start,
      ),
  );
}

const mentioned = (role: RoleSelector, m: Found): Evidence => ({
  messageIndex: m.messageIndex,
  span: [m.start, m.end],
  note: `${ROLE_LABEL[role]}提到「${m.word}」`,
});

// ---------------------------------------------------------------------------------------------
// Operators, one function each, from their documented behaviour.

function keywords(
  scene: Scene,
  p: FinderParams & { mode: 'any' | 'all' | 'none' | 'atLeast'; count?: number },
): Answer {
  const found = findWords(scene, p);
  switch (p.mode) {
    case 'any':
      return found.length > 0 ? yes(found.map((m) => mentioned(p.role, m))) : NO;
    case 'none': {
      if (found.length > 0) return NO;
      const scope = scene.messages.map((_, i) => i).filter((i) => inScope(scene, i, p.role, p.within));
      // The message that should have carried the words: the last in scope for a `last` window.
      const at = (p.within?.last ? scope[scope.length - 1] : scope[0]) ?? null;
      const note = `${ROLE_LABEL[p.role]}未说「${p.words.slice(0, 3).join('」「')}」等`;
      return yes([{ messageIndex: at, span: null, note }]);
    }
    case 'all':
    case 'atLeast': {
      const firstOfEach: Found[] = [];
      for (const m of found) if (!firstOfEach.some((f) => f.word === m.word)) firstOfEach.push(m);
      const need = p.mode === 'all' ? new Set(p.words).size : p.count!;
      return firstOfEach.length >= need ? yes(firstOfEach.map((m) => mentioned(p.role, m))) : NO;
    }
  }
}

function regex(
  scene: Scene,
  p: {
    pattern: string;
    flags: string;
    role: RoleSelector;
    within?: Within;
    exclude?: string;
    requires?: string[];
  },
): Answer {
  const evidence: Evidence[] = [];
  const withRequired = new Set(p.requires ? occurrences(scene, p.requires).map((m) => m.messageIndex) : []);
  scene.messages.forEach((m, i) => {
    if (!inScope(scene, i, p.role, p.within)) return;
    if (p.requires && !withRequired.has(i)) return;
    const spans = (source: string) =>
      [...m.text.matchAll(new RegExp(source, `gu${p.flags}`))]
        .filter((x) => x[0].length > 0)
        .map((x) => [x.index!, x.index! + x[0].length] as [number, number]);
    const excluded = p.exclude ? spans(p.exclude) : [];
    for (const [s, e] of spans(p.pattern)) {
      if (excluded.some(([xs, xe]) => xs < e && s < xe)) continue;
      evidence.push({ messageIndex: i, span: [s, e], note: `${ROLE_LABEL[p.role]}说了「${m.text.slice(s, e)}」` });
    }
  });
  return evidence.length > 0 ? yes(evidence) : NO;
}

/**
 * Waits: from the first customer message that is not yet answered to the next agent message
 * (reply -1: never answered).
 */
function waits(scene: Scene): { from: number; reply: number }[] {
  const out: { from: number; reply: number }[] = [];
  let waiting = -1;
  scene.messages.forEach((m, i) => {
    if (m.role === 'customer' && waiting < 0) waiting = i;
    if (m.role === 'agent' && waiting >= 0) {
      out.push({ from: waiting, reply: i });
      waiting = -1;
    }
  });
  if (waiting >= 0) out.push({ from: waiting, reply: -1 });
  return out;
}

const seconds = (ms: number) => Math.round(ms / 1000);

/** A wait longer than the limit, as evidence; an unanswered one unless still within the limit. */
function late(scene: Scene, w: { from: number; reply: number }, overSeconds: number, what: string): Evidence | null {
  const limit = overSeconds * 1000;
  const m = scene.messages;
  if (w.reply >= 0) {
    const waited = m[w.reply].at - m[w.from].at;
    if (waited <= limit) return null;
    return { messageIndex: w.reply, span: null, note: `${what} ${seconds(waited)} 秒，超过 ${seconds(limit)} 秒` };
  }
  const now = scene.facts.now;
  if (now !== undefined && now - m[w.from].at <= limit) return null;
  return { messageIndex: w.from, span: null, note: '客户消息未获回复' };
}

function firstResponse(scene: Scene, p: { overSeconds: number; unansweredOnly: boolean }): Answer {
  const first = waits(scene)[0];
  if (!first) return NO;
  if (p.unansweredOnly && first.reply >= 0) return NO;
  const e = late(scene, first, p.overSeconds, '首次响应');
  return e ? yes([e]) : NO;
}

function replyDelay(scene: Scene, p: { overSeconds: number; skipFirst: boolean; ignoreTrailing?: string }): Answer {
  const evidence: Evidence[] = [];
  waits(scene).forEach((w, k) => {
    if (p.skipFirst && k === 0) return;
    if (w.reply < 0 && p.ignoreTrailing !== undefined) {
      const ack = new RegExp(p.ignoreTrailing, 'u');
      const trailing = scene.messages.slice(w.from).filter((m) => m.role === 'customer');
      if (trailing.every((m) => ack.test(m.text.trim()))) return;
    }
    const e = late(scene, w, p.overSeconds, '回复');
    if (e) evidence.push(e);
  });
  return evidence.length > 0 ? yes(evidence) : NO;
}

function longestSilence(scene: Scene, p: { overSeconds: number }): Answer {
  let best = -1;
  let gap = 0;
  for (let i = 1; i < scene.messages.length; i++) {
    const g = scene.messages[i].at - scene.messages[i - 1].at;
    if (g > gap) [gap, best] = [g, i];
  }
  if (best < 0 || gap <= p.overSeconds * 1000) return NO;
  return yes([
    { messageIndex: best, span: null, note: `静默 ${seconds(gap)} 秒，超过 ${seconds(p.overSeconds * 1000)} 秒` },
  ]);
}

function sessionLength(scene: Scene, p: { overSeconds?: number; underSeconds?: number }): Answer {
  const m = scene.messages;
  if (m.length === 0) return NO;
  const length = m[m.length - 1].at - (scene.conversation.startedAt ?? m[0].at);
  const over = p.overSeconds !== undefined && length > p.overSeconds * 1000;
  const under = p.underSeconds !== undefined && length < p.underSeconds * 1000;
  return over || under ? yes([{ messageIndex: null, span: null, note: `会话时长 ${seconds(length)} 秒` }]) : NO;
}

function order(scene: Scene, p: { first: FinderParams; then: FinderParams & { role: RoleSelector } }): Answer {
  const b = findWords(scene, p.then)[0];
  if (!b) return NO;
  const a = findWords(scene, p.first).find(
    (m) => m.messageIndex < b.messageIndex || (m.messageIndex === b.messageIndex && m.end <= b.start),
  );
  return a ? yes([mentioned(p.first.role, a), mentioned(p.then.role, b)]) : NO;
}

const SENTIMENT_LABEL: Record<SentimentLabel, string> = { negative: '负面', neutral: '中性', positive: '正面' };

function sentiment(
  scene: Scene,
  p: {
    role: 'customer' | 'agent';
    scope: 'any' | 'end' | 'trend';
    label?: SentimentLabel;
    minCount: number;
    last: number;
    trend?: 'worsening' | 'improving';
    minDelta: number;
  },
): Answer {
  const model = scene.facts.text;
  if (!model) return unknown('未提供情感分析模型');
  const who = p.role === 'customer' ? '客户' : '客服';
  const said = scene.messages
    .map((_, i) => i)
    .filter((i) => scene.messages[i].role === p.role && scene.messages[i].text.trim() !== '');
  if (said.length === 0) return NO;
  const of = (i: number) => model.sentiment(scene.messages[i].text);
  if (p.scope === 'trend') {
    if (said.length < 2) return NO;
    const half = Math.floor(said.length / 2);
    const mean = (xs: number[]) => xs.reduce((s, i) => s + of(i).pPositive, 0) / xs.length;
    const delta = mean(said.slice(said.length - half)) - mean(said.slice(0, half));
    if (p.trend === 'worsening' ? delta > -p.minDelta : delta < p.minDelta) return NO;
    const note = `${who}情绪${p.trend === 'worsening' ? '转差' : '好转'}（正面概率变化 ${delta.toFixed(2)}）`;
    return yes([{ messageIndex: said[said.length - 1], span: null, note }]);
  }
  const label = SENTIMENT_LABEL[p.label!];
  if (p.scope === 'end') {
    const tail = said.slice(-p.last);
    if (tail.length < p.last || tail.some((i) => of(i).label !== p.label)) return NO;
    return yes(tail.map((i) => ({ messageIndex: i, span: null, note: `${who}结束时情绪${label}` })));
  }
  const evidence = said
    .filter((i) => of(i).label === p.label)
    .map((i): Evidence => ({ messageIndex: i, span: null, note: `${who}情绪${label}` }));
  return evidence.length >= p.minCount ? yes(evidence) : NO;
}

function similarity(
  scene: Scene,
  p: { examples: string[]; threshold: number; role: RoleSelector; within?: Within },
): Answer {
  const space = buildTemplateSpace(p.examples);
  const evidence: Evidence[] = [];
  scene.messages.forEach((m, i) => {
    if (!inScope(scene, i, p.role, p.within)) return;
    const { score, template } = bestSimilarity(space, gramCounts(m.text));
    if (score >= p.threshold)
      evidence.push({
        messageIndex: i,
        span: null,
        note: `${ROLE_LABEL[p.role]}的话与「${template}」相似（${score.toFixed(2)}）`,
      });
  });
  return evidence.length > 0 ? yes(evidence) : NO;
}

const PII_LABEL = { phone: '手机号', idcard: '身份证号', bankcard: '银行卡号', email: '邮箱' } as const;

function pii(scene: Scene, p: { by: string; types?: (keyof typeof PII_LABEL)[] }): Answer {
  const evidence: Evidence[] = [];
  scene.messages.forEach((m, i) => {
    if (m.role !== p.by) return;
    for (const f of m.pii ?? []) {
      if (f.by === p.by && (!p.types || p.types.includes(f.type)))
        evidence.push({ messageIndex: i, span: [f.start, f.end], note: `透露了${PII_LABEL[f.type]}` });
    }
  });
  return evidence.length > 0 ? yes(evidence) : NO;
}

type Fact = string | number | boolean | undefined;

const FACTS: Record<string, [label: string, read: (scene: Scene) => Fact]> = {
  'rating.csat': ['满意度', (s) => s.conversation.rating?.csat],
  'rating.nps': ['NPS', (s) => s.conversation.rating?.nps],
  'rating.resolved': ['是否解决', (s) => s.conversation.rating?.resolved],
  channel: ['渠道', (s) => s.conversation.channel],
  transfers: ['转接次数', (s) => s.conversation.transfers ?? 0],
  'tags.issueType': ['问题类型', (s) => s.conversation.tags?.issueType],
  'tags.businessLine': ['业务线', (s) => s.conversation.tags?.businessLine],
  'messages.count': ['消息数', (s) => s.messages.length],
  'messages.customer': ['客户消息数', (s) => s.messages.filter((m) => m.role === 'customer').length],
  'messages.agent': ['客服消息数', (s) => s.messages.filter((m) => m.role === 'agent').length],
};

const SYMBOL: Record<string, string> = { eq: '=', ne: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥', in: '∈', notIn: '∉' };

function metadata(scene: Scene, p: { field: string; is: string; value?: unknown }): Answer {
  const [label, read] = FACTS[p.field];
  const actual = read(scene);
  const v = p.value;
  const holds: Record<string, () => boolean> = {
    exists: () => actual !== undefined,
    missing: () => actual === undefined,
    in: () => actual !== undefined && (v as unknown[]).includes(actual),
    notIn: () => actual !== undefined && !(v as unknown[]).includes(actual),
    // A missing fact satisfies no comparison.
    eq: () => actual !== undefined && actual === v,
    ne: () => actual !== undefined && actual !== v,
    lt: () => typeof actual === 'number' && actual < (v as number),
    lte: () => typeof actual === 'number' && actual <= (v as number),
    gt: () => typeof actual === 'number' && actual > (v as number),
    gte: () => typeof actual === 'number' && actual >= (v as number),
  };
  if (!holds[p.is]()) return NO;
  const shown = typeof actual === 'boolean' ? (actual ? '是' : '否') : String(actual ?? '无');
  const note = SYMBOL[p.is] ? `${label}为 ${shown}（${SYMBOL[p.is]} ${JSON.stringify(v)}）` : `${label}：${shown}`;
  return yes([{ messageIndex: null, span: null, note }]);
}

function repeatContact(scene: Scene, p: { withinHours: number; atLeast: number; sameIssueType: boolean }): Answer {
  const history = scene.facts.history;
  if (!history) return unknown('未提供客户历史来访记录');
  const c = scene.conversation;
  const start = c.startedAt ?? c.messages[0]?.at;
  if (start === undefined) return NO;
  const earlier = history.previousContacts.filter(
    (h) =>
      h.at >= start - p.withinHours * 3_600_000 &&
      h.at < start &&
      (!p.sameIssueType || (h.issueType !== undefined && h.issueType === c.tags?.issueType)),
  );
  if (earlier.length < p.atLeast) return NO;
  return yes([{ messageIndex: null, span: null, note: `${p.withinHours} 小时内第 ${earlier.length + 1} 次来访` }]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parameters are parsed by each operator's schema
const OPERATORS: Record<string, (scene: Scene, params: any) => Answer> = {
  keywords,
  regex,
  firstResponse,
  replyDelay,
  longestSilence,
  sessionLength,
  order,
  sentiment,
  similarity,
  pii,
  metadata,
  repeatContact,
};

// ---------------------------------------------------------------------------------------------
// Conditions.

function evaluate(scene: Scene, c: Condition): Answer {
  if ('all' in c || 'any' in c) {
    const all = 'all' in c;
    const answers = (all ? c.all : c.any).map((part) => evaluate(scene, part));
    const held = answers.filter((a) => a.held === true);
    const firstUnknown = answers.find((a) => a.held === null);
    const joined = yes(held.flatMap((a) => a.evidence));
    if (all) {
      // Every part holds; one that does not settles it, else one that cannot tell.
      if (answers.some((a) => a.held === false)) return NO;
      return firstUnknown ?? joined;
    }
    // Some part holds; else one that cannot tell makes it unknown.
    if (held.length > 0) return joined;
    return firstUnknown ?? NO;
  }
  if ('not' in c) {
    const inner = evaluate(scene, c.not);
    if (inner.held === null) return inner;
    return inner.held ? NO : yes([]);
  }
  const run = OPERATORS[c.op];
  if (!run) throw new Error(`reference evaluator: no operator ${c.op}`);
  return run(scene, c.params);
}

/** The condition with every operator's parameters parsed by its schema (defaults filled in). */
function withDefaults(c: Condition): Condition {
  if ('all' in c) return { all: c.all.map(withDefaults) };
  if ('any' in c) return { any: c.any.map(withDefaults) };
  if ('not' in c) return { not: withDefaults(c.not) };
  const definition = DEFAULT_OPERATORS.get(c.op);
  if (!definition) throw new Error(`reference evaluator: no operator ${c.op}`);
  return { op: c.op, params: definition.params.parse(c.params ?? {}) as Record<string, unknown> };
}

// ---------------------------------------------------------------------------------------------
// Hits and the score.

const round2 = (n: number) => Math.round(n * 100) / 100;

function excerpt(scene: Scene, e: Pick<Evidence, 'messageIndex' | 'span'>): string {
  if (e.messageIndex === null) return '';
  const text = scene.messages[e.messageIndex]?.text ?? '';
  if (!e.span) return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const from = Math.max(0, e.span[0] - 12);
  const to = Math.min(text.length, e.span[1] + 12);
  return (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
}

/** -0 is written 0. */
const plain = (n: number) => (Object.is(n, -0) ? 0 : n);

function hitOf(scene: Scene, rule: Rule, e: Pick<Evidence, 'messageIndex' | 'span'>, points: number, reason: string) {
  const h: ScoreHit = {
    ruleId: rule.id,
    ruleVersion: rule.version,
    ruleName: rule.name,
    messageIndex: e.messageIndex,
    span: e.span,
    excerpt: excerpt(scene, e),
    points: plain(points),
    reason,
  };
  if (rule.critical) h.redLine = true;
  return h;
}

/** The hits of a rule that held. */
function hitsOf(scene: Scene, rule: Rule, evidence: Evidence[]): ScoreHit[] {
  const cap = rule.cap ?? Infinity;
  const sign = Math.sign(rule.points);
  const size = Math.abs(rule.points);
  if (rule.per === 'occurrence' && evidence.length > 0) {
    // Each finding once, in message order; overlapping findings in a message are one.
    const key = (e: Evidence) => [e.messageIndex ?? -1, e.span?.[0] ?? -1, -(e.span?.[1] ?? -1)];
    const sorted = [...evidence].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
    const findings: Evidence[] = [];
    for (const e of sorted) {
      const prev = findings[findings.length - 1];
      const same =
        prev !== undefined &&
        prev.messageIndex === e.messageIndex &&
        ((prev.span === null && e.span === null) ||
          (prev.span !== null && e.span !== null && e.span[0] < prev.span[1]));
      if (!same) findings.push(e);
    }
    // Points per finding until the cap; later findings are listed with 0.
    let used = 0;
    return findings.map((e) => {
      const points = Math.min(size, Math.max(0, cap - used));
      used += points;
      return hitOf(scene, rule, e, sign * points, `${rule.name}：${e.note}`);
    });
  }
  // One hit: at the earliest finding in a message (else the first evidence), its reason the
  // distinct notes of those findings (else of all the evidence), at most three named.
  const inMessages = evidence.filter((e) => e.messageIndex !== null);
  const earliest = [...inMessages].sort(
    (a, b) => a.messageIndex! - b.messageIndex! || (a.span?.[0] ?? -1) - (b.span?.[0] ?? -1),
  )[0];
  const anchor = earliest ?? evidence[0] ?? { messageIndex: null, span: null };
  const notes = [...new Set((inMessages.length > 0 ? inMessages : evidence).map((e) => e.note))];
  const detail = notes.length <= 3 ? notes.join('；') : `${notes.slice(0, 3).join('；')} 等 ${notes.length} 处`;
  return [hitOf(scene, rule, anchor, sign * Math.min(size, cap), detail ? `${rule.name}：${detail}` : rule.name)];
}

/**
 * A scorer for the scorecard: the scorecard and its operators' parameters are read once, then
 * each conversation is scored the plain way.
 */
export function referenceScorer(
  input: ScorecardInput,
): (conversation: Conversation, facts?: ScoringFacts) => ScoreResult {
  const parsed = parseScorecard(input);
  const card = {
    ...parsed,
    sections: parsed.sections.map((s) => ({
      ...s,
      rules: s.rules.map((r) => ({ ...r, when: withDefaults(r.when) })),
    })),
  };
  return (conversation, facts = {}) => score(card, conversation, facts);
}

function score(card: Scorecard, conversation: Conversation, facts: ScoringFacts): ScoreResult {
  const scene: Scene = { conversation, messages: conversation.messages, facts };
  const weights = card.sections.reduce((s, x) => s + x.weight, 0);
  const hits: ScoreHit[] = [];
  const skipped: SkippedRule[] = [];
  let failed = false;
  let redLine = false;
  const sections = card.sections.map((section) => {
    const max = round2((card.baseScore * section.weight) / weights);
    let moved = 0;
    let zeroed = false;
    for (const rule of section.rules) {
      if (!rule.enabled) continue;
      const answer = evaluate(scene, rule.when);
      if (answer.held === null) {
        skipped.push({ ruleId: rule.id, ruleVersion: rule.version, reason: answer.missing ?? '条件无法判定' });
        continue;
      }
      if (!answer.held) continue;
      const ruleHits = hitsOf(scene, rule, answer.evidence);
      for (const h of ruleHits) moved += h.points;
      hits.push(...ruleHits);
      if (rule.critical) {
        redLine = true;
        if (rule.critical === 'fail-session') failed = true;
        else zeroed = true;
      }
    }
    const score = zeroed ? 0 : round2(Math.min(max, Math.max(0, max + moved)));
    return { id: section.id, name: section.name, score, max };
  });
  const total = round2(sections.reduce((s, x) => s + x.score, 0));
  // Skipped rules are listed in scorecard order, which is section order here too.
  const result: ScoreResult = {
    scorecardId: card.id,
    scorecardVersion: card.version,
    total,
    passed: !failed && total >= card.passThreshold,
    redLine,
    sections,
    hits: hits.sort(
      (a, b) =>
        (a.messageIndex ?? -1) - (b.messageIndex ?? -1) ||
        (a.span?.[0] ?? -1) - (b.span?.[0] ?? -1) ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    ),
  };
  if (skipped.length > 0) result.skipped = skipped;
  return result;
}
