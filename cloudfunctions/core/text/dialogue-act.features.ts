/**
 * The features of one turn for the dialogue-act classifier, shared by training and inference so
 * both see the same thing. Numbers are neutralised first (an order number, a price or a date is
 * the fact that a number is there, never its digits), then: the speaker's role, character 1- and
 * 2-grams, cue words per act from the lexicon (negated cues count apart), question form, length,
 * and the turn's place in the conversation.
 */
import { ACT_CUES, DIALOGUE_ACTS, NEGATION_CUES, REFUSAL_AFTER } from './dialogue-act.lexicon';
import { normalizeForMatching } from './match.normalize';
import { analyzeSentiment } from './sentiment.model';

export interface TurnContext {
  role: 'customer' | 'agent' | string;
  /** The first turn of this role in the conversation. */
  firstOfRole?: boolean;
  /** The last turn of the conversation. */
  last?: boolean;
}

const CLAUSE = /[,，。.!！?？;；~～\n]/;

/** Long digit runs (order, tracking, product numbers) → #N; short ones (prices, counts) → #. */
export function neutraliseNumbers(text: string): string {
  return text.replace(/[0-9]+/g, (d) => (d.length >= 6 ? 'Ｎ' : '#'));
}

function cueFeatures(text: string, out: string[]): void {
  // clauseStart[i]: where the clause holding position i begins (negation never crosses a clause).
  const clauseStart = new Int32Array(text.length + 1);
  for (let i = 0, start = 0; i <= text.length; i++) {
    clauseStart[i] = start;
    if (i < text.length && CLAUSE.test(text[i])) start = i + 1;
  }
  for (const act of DIALOGUE_ACTS) {
    const cues = ACT_CUES[act];
    if (!cues) continue;
    for (const cue of cues) {
      let at = text.indexOf(cue);
      while (at >= 0) {
        const before = text.slice(Math.max(clauseStart[at], at - 3), at);
        const after = text.slice(at + cue.length, at + cue.length + 2);
        const negated = NEGATION_CUES.some((n) => before.endsWith(n) || before.includes(n));
        const refused = act === 'commitment' && REFUSAL_AFTER.some((r) => after.startsWith(r));
        out.push(negated || refused ? `cue-:${act}` : `cue:${act}`);
        at = text.indexOf(cue, at + cue.length);
      }
    }
  }
}

export function actFeatures(rawText: string, ctx: TurnContext): string[] {
  const text = neutraliseNumbers(normalizeForMatching(rawText).text);
  const role = ctx.role === 'customer' ? 'c' : 'a';
  const out: string[] = [`role:${role}`];
  if (ctx.firstOfRole) out.push(`first:${role}`);
  if (ctx.last) out.push('last');
  const chars = [...text.replace(/\s+/g, '')];
  if (chars.length <= 3) out.push('len:short');
  else if (chars.length >= 30) out.push('len:long');
  if (/Ｎ/.test(text)) out.push('num:long');
  if (chars.length > 0 && chars.every((c) => /[#Ｎa-z\p{P}]/u.test(c))) out.push('num:only');
  if (/[?？]\s*$/.test(text) || /[吗呢么][\s~～。.!！]*$/.test(text)) out.push('q:form');
  if (/[!！]{2,}/.test(rawText)) out.push('excl:many');
  for (let i = 0; i < chars.length; i++) {
    out.push(`${role}1:${chars[i]}`);
    if (i + 1 < chars.length) out.push(`2:${chars[i]}${chars[i + 1]}`);
  }
  if (chars.length > 0) out.push(`start:${chars.slice(0, 2).join('')}`);
  cueFeatures(text, out);
  // The review-trained sentiment model as one feature among many, on text whose numbers are
  // neutralised (it reads bare order numbers as negative): the act model learns how far to trust it.
  if (role === 'c' && chars.length > 1) {
    const p = analyzeSentiment(text.replace(/[#Ｎ]/g, '')).pPositive;
    out.push(p < 0.1 ? 'senti:vneg' : p < 0.3 ? 'senti:neg' : p > 0.8 ? 'senti:pos' : 'senti:mid');
  }
  return out;
}
