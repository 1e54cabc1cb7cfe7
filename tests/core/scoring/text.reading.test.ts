/**
 * A scorecard's `text` reading keeps a version's behaviour: match edition 1 and act model r1 are
 * what v2 shipped with, edition 2 and r2 are v3's; a number the masker takes only on its naming
 * words is masked for every version but counted only by v3's pii-leak.
 */
import { maskConversation } from '@core/conversation';
import { DEFAULT_SCORECARD_V2 } from '@core/scoring/default.scorecard.v2';
import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { compileScorecard, scoreConversation } from '@core/scoring';
import { actClassifier, classifyActs } from '@core/text/dialogue-act.model';
import r2File from '@core/text/models/dialogue-acts.r2.json';
import r3File from '@core/text/models/dialogue-acts.r3.json';
import r4File from '@core/text/models/dialogue-acts.r4.json';
import r5File from '@core/text/models/dialogue-acts.r5.json';
import r6File from '@core/text/models/dialogue-acts.r6.json';
import r7File from '@core/text/models/dialogue-acts.json';
import { normalizeForMatching } from '@core/text/match.normalize';
import { analyzeSentiment } from '@core/text/sentiment.model';
import { conversation, msg } from './support/factories';

const facts = { text: { sentiment: analyzeSentiment, acts: classifyActs } };
const hitsOf = (card: typeof DEFAULT_SCORECARD_V2, texts: [string, string][]) => {
  const conv = maskConversation(conversation(texts.map(([role, text], i) => msg(role as 'agent', i * 10, text))));
  return { conv, hits: scoreConversation(compileScorecard(card), conv, facts).hits.map((h) => h.ruleId) };
};

describe('match normalisation editions', () => {
  it.each([
    ['返 5 米', '返5米', '返5元'],
    ['好评🧧', '好评', '好评红包'],
    ['神马', '神马', '什么'],
    ['➕V', 'v', '加v'],
    ['ⓥⓧ聊', 'ⓥⓧ聊', '微信聊'],
    ['𝐕𝐗', '𝐕𝐗', '微信'],
    ['微̶信̶', '微̶信̶', '微信'],
    ['好評返現', '好評返現', '好评返现'],
  ])('%s reads %s in edition 1 and %s in edition 2', (input, one, two) => {
    expect(normalizeForMatching(input, 1).text).toBe(one);
    expect(normalizeForMatching(input, 2).text).toBe(two);
    expect(normalizeForMatching(input).text).toBe(two);
  });
});

describe('act models', () => {
  it('r1-r7 are different models; the latest is r7', () => {
    const turns = ['你们这什么破东西，气死我了', '好的我看一下', '什么时候发货啊', '非常抱歉给您添麻烦了'];
    const probs = (model: 'r1' | 'r2' | 'r3' | 'r4' | 'r5' | 'r6' | 'r7' | undefined) =>
      turns.map((t) => JSON.stringify(classifyActs(t, { role: 'customer', model }).probabilities));
    expect(probs('r1')).not.toEqual(probs('r2'));
    expect(probs('r2')).not.toEqual(probs('r3'));
    expect(probs('r3')).not.toEqual(probs('r4'));
    expect(probs('r4')).not.toEqual(probs('r5'));
    expect(probs('r5')).not.toEqual(probs('r6'));
    expect(probs('r6')).not.toEqual(probs('r7'));
    expect(probs(undefined)).toEqual(probs('r7'));
  });

  it('r7 alone carries the unhappy head', () => {
    expect(r7File.unhappyHead).toBeDefined();
    for (const file of [r2File, r3File, r4File, r5File, r6File])
      expect((file as { unhappyHead?: unknown }).unhappyHead).toBeUndefined();
  });

  it('r3-r7 read a turn by lexicon edition 2 (their files say so); r1 and r2 by edition 1', () => {
    expect(actClassifier('r3')).not.toBe(actClassifier('r2'));
    expect(actClassifier('r4')).not.toBe(actClassifier('r3'));
    expect(actClassifier('r5')).not.toBe(actClassifier('r4'));
    expect(actClassifier('r6')).not.toBe(actClassifier('r5'));
    expect(actClassifier('r7')).not.toBe(actClassifier('r6'));
    expect(r3File.lexicon).toBe(2);
    expect(r4File.lexicon).toBe(2);
    expect(r5File.lexicon).toBe(2);
    expect(r6File.lexicon).toBe(2);
    expect(r7File.lexicon).toBe(2);
    expect((r2File as { lexicon?: number }).lexicon).toBeUndefined();
  });
});

describe('pii-leak on a number named but failing its check', () => {
  const lines: [string, string][] = [
    ['customer', '我的身份证号是多少来着'],
    ['agent', '您好，您登记的身份证 110105199001011235，请核对'],
  ];

  it('is masked for every version', () => {
    const { conv } = hitsOf(DEFAULT_SCORECARD_V2, lines);
    expect(conv.messages[1].text).not.toContain('110105199001011235');
    expect(conv.messages[1].pii).toEqual([expect.objectContaining({ type: 'idcard', named: true })]);
  });

  it('counts for v3 only', () => {
    expect(hitsOf(DEFAULT_SCORECARD_V3, lines).hits).toContain('pii-leak');
    expect(hitsOf(DEFAULT_SCORECARD_V2, lines).hits).not.toContain('pii-leak');
  });
});
