// Probe: does a learned model of red-line agent turns, trained on the other writers, add recall on a writer it never saw?
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { conversationFromJsonl } from '../../cloudfunctions/core/conversation';
import { compileScorecard, scoreConversation } from '../../cloudfunctions/core/scoring';
import { DEFAULT_SCORECARD_V6 } from '../../cloudfunctions/core/scoring/default.scorecard.v6';
import { classifyActs } from '../../cloudfunctions/core/text/dialogue-act.model';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import { normalizeForMatching } from '../../cloudfunctions/core/text/match.normalize';
import { neutraliseNumbers } from '../../cloudfunctions/core/text/dialogue-act.features';
import { charNgrams, normalizeText } from '../../cloudfunctions/core/text/text.normalize';
import { writerOfFile } from '../text/acts.training';

const RULES = ['rude-language', 'off-platform-transaction', 'review-manipulation'] as const;
type Rule = (typeof RULES)[number];
const card = compileScorecard(DEFAULT_SCORECARD_V6);
interface Turn { feats: string[]; lexHit: Record<Rule, boolean>; text: string }
interface Conv { id: string; w: string; expect: Set<string>; turns: Turn[]; lex: Record<Rule, boolean> }
const ORDERS = (process.env.ORDERS ?? '1,2,3').split(',').map(Number);
const feats = (t: string) => charNgrams(normalizeText(normalizeForMatching(neutraliseNumbers(t)).text), ORDERS);
const convs: Conv[] = [];
for (const split of ['tune', 'train']) {
  const dir = join(__dirname, 'corpus', split);
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line);
      const parsed = conversationFromJsonl(line);
      if (!parsed.ok) continue;
      const r = scoreConversation(card, parsed.conversation, { text: { sentiment: analyzeSentiment, acts: classifyActs } });
      const hitsOf = (rule: Rule) => new Set(r.hits.filter((h) => h.ruleId === rule).map((h) => h.messageIndex));
      const hs = Object.fromEntries(RULES.map((x) => [x, hitsOf(x)])) as Record<Rule, Set<number>>;
      const turns = parsed.conversation.messages
        .map((m, i) => ({ m, i }))
        .filter(({ m }) => m.role === 'agent')
        .map(({ m, i }) => ({ text: m.text, feats: feats(m.text), lexHit: Object.fromEntries(RULES.map((x) => [x, hs[x].has(i)])) as Record<Rule, boolean> }));
      const lex = Object.fromEntries(RULES.map((x) => [x, r.hits.some((h) => h.ruleId === x)])) as Record<Rule, boolean>;
      convs.push({ id: rec.id, w: split === 'train' ? 'train' : writerOfFile(f), expect: new Set(rec.expect), turns, lex });
    }
  }
}
type W = Map<string, number>;
function train(ex: { f: string[]; y: number; wt: number }[], epochs = 15, lr = 0.2, l2 = 1e-5): { w: W; b: number } {
  const w: W = new Map(), g: W = new Map();
  let b = 0, gb = 1e-8;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const idx = ex.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
    for (const i of idx) {
      const { f, y, wt } = ex[i];
      let z = b;
      for (const k of f) z += w.get(k) ?? 0;
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - y) * wt;
      gb += err * err; b -= (lr * err) / Math.sqrt(gb);
      for (const k of f) {
        const wk = w.get(k) ?? 0;
        const grad = err + l2 * wk;
        const gk = (g.get(k) ?? 1e-8) + grad * grad;
        g.set(k, gk);
        w.set(k, wk - (lr * grad) / Math.sqrt(gk));
      }
    }
  }
  return { w, b };
}
const prob = (m: { w: W; b: number }, f: string[]) => { let z = m.b; for (const k of f) z += m.w.get(k) ?? 0; return 1 / (1 + Math.exp(-z)); };
function fit(rule: Rule, cs: Conv[]) {
  const neg = cs.filter((c) => !c.expect.has(rule)).flatMap((c) => c.turns.map((t) => ({ f: t.feats, y: 0, wt: 1 })));
  const pos0 = cs.filter((c) => c.expect.has(rule)).flatMap((c) => {
    const hit = c.turns.filter((t) => t.lexHit[rule]);
    return hit.length ? hit.map((t) => ({ f: t.feats, y: 1, wt: 3 })) : c.turns.map((t) => ({ f: t.feats, y: 1, wt: 3 / c.turns.length }));
  });
  let m = train([...neg, ...pos0]);
  // MIL round: each positive conversation's lexicon-hit turns plus its best-scored turn
  const pos1 = cs.filter((c) => c.expect.has(rule)).flatMap((c) => {
    const best = c.turns.reduce((a, t) => (prob(m, t.feats) > prob(m, a.feats) ? t : a), c.turns[0]);
    const set = new Set([best, ...c.turns.filter((t) => t.lexHit[rule])]);
    return best ? [...set].map((t) => ({ f: t.feats, y: 1, wt: 3 })) : [];
  });
  m = train([...neg, ...pos1]);
  return m;
}
const writers = [...new Set(convs.map((c) => c.w))].filter((w) => w !== 'train').sort();
const TH = (process.env.TH ?? '0.5,0.7,0.8,0.9,0.95').split(',').map(Number);
for (const rule of RULES.filter((r) => !process.env.RULE || r.startsWith(process.env.RULE))) {
  const tot: Record<string, number[]> = {};
  for (const held of writers) {
    const m = fit(rule, convs.filter((c) => c.w !== held));
    const test = convs.filter((c) => c.w === held);
    const score = (c: Conv) => Math.max(0, ...c.turns.map((t) => prob(m, t.feats)));
    const P = test.filter((c) => c.expect.has(rule)), N = test.filter((c) => !c.expect.has(rule));
    const lexTP = P.filter((c) => c.lex[rule]).length, lexFP = N.filter((c) => c.lex[rule]).length;
    const row = [`${rule} held ${held}: pos ${P.length} neg ${N.length} | lexicon R ${lexTP}/${P.length} FP ${lexFP}`];
    for (const th of TH) {
      const tp = P.filter((c) => c.lex[rule] || score(c) >= th).length, fp = N.filter((c) => c.lex[rule] || score(c) >= th).length;
      const mtp = P.filter((c) => score(c) >= th).length, mfp = N.filter((c) => score(c) >= th).length;
      row.push(`th${th}: union ${tp}/${fp} model ${mtp}/${mfp}`);
      const k = String(th); tot[k] ??= [0, 0, 0, 0]; tot[k][0] += tp; tot[k][1] += fp; tot[k][2] += P.length; tot[k][3] += N.length;
    }
    tot.lex ??= [0, 0, 0, 0]; tot.lex[0] += lexTP; tot.lex[1] += lexFP; tot.lex[2] += P.length; tot.lex[3] += N.length;
    console.log(row.join(' | '));
  }
  console.log(rule, 'TOTAL', JSON.stringify(tot));
}
