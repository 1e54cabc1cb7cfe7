/**
 * The shipped red-line model l1 (models/red-lines.json) and the classifier that reads it. Its
 * accuracy is measured by scripts/text/train-red-lines.ts (leave one writer out) and by
 * `npm run eval:rules` on the frozen halves; here: the file is what the code expects, the
 * arithmetic is a logistic regression per head, and the model is not reading noise (its clearest
 * cases go the right way).
 */
import shipped from '@core/text/models/red-lines.json';
import {
  createRedLineClassifier,
  featureCodePoints,
  judgeRedLines,
  RED_LINE_HEADS,
  redLineClassifier,
  redLineFeatures,
  type RedLineModelFile,
} from '@core/text/red-line.model';
import { toBase64 } from '@core/text/dialogue-act.classifier';
import { neutraliseNumbers } from '@core/text/dialogue-act.features';
import { normalizeText } from '@core/text/text.normalize';

/** A model file by hand: `weights[f][h]` for features `names`. */
function modelOf(names: string[], weights: number[][], bias: number[]): RedLineModelFile {
  const scale = 1 / 1000;
  const bytes = new Uint8Array(names.length * 3 * 2);
  const view = new DataView(bytes.buffer);
  weights.forEach((row, f) => row.forEach((w, h) => view.setInt16((f * 3 + h) * 2, Math.round(w / scale), true)));
  return {
    format: 'kefu-qa/red-lines@1',
    name: 'l1',
    heads: [...RED_LINE_HEADS],
    orders: [2],
    features: names.join('\u0001'),
    weights: toBase64(bytes),
    scale,
    bias,
    trainedOn: 'by hand',
  };
}

describe('red-line classifier', () => {
  const model = createRedLineClassifier(
    modelOf(
      ['别家', '私聊'],
      [
        [3, 0, 0],
        [0, 4, 0],
      ],
      [-2, -2, -5],
    ),
  );

  it('is one logistic regression per head over the turn’s n-grams', () => {
    const s = model.score('嫌贵去别家');
    expect(s.rude).toBeCloseTo(1 / (1 + Math.exp(-1)), 3);
    expect(s['off-platform']).toBeCloseTo(1 / (1 + Math.exp(2)), 3);
    expect(s['review-reward']).toBeCloseTo(1 / (1 + Math.exp(5)), 3);
    const same = model.scoreFeatures(redLineFeatures('嫌贵去别家', [2]));
    for (const head of RED_LINE_HEADS) expect(same[head]).toBeCloseTo(s[head], 12);
  });

  it('walks the same characters as redLineFeatures reads (numbers, full width, spaces, case, repeats)', () => {
    const out = new Int32Array(256);
    for (const text of [
      'ＡＢＣ１２３ 4567890 x\u3000y',
      '好好好好好好～～～～',
      '订单12345，单号1234567',
      'Ｎ😀😀😀😀Ab',
      'ÀÉ\u00a0z。「你」',
    ]) {
      const n = featureCodePoints(text, out);
      expect(String.fromCodePoint(...out.subarray(0, n))).toBe(normalizeText(neutraliseNumbers(text)));
    }
  });

  it('reads text as matching does: a separator or a full-width letter does not hide a cue', () => {
    expect(model.score('私-聊')['off-platform']).toBeCloseTo(model.score('私聊')['off-platform'], 6);
    expect(redLineFeatures('ＡＢ', [1])).toEqual(['a', 'b']);
  });

  it('names the cues that pushed a head up, strongest first, without one inside another', () => {
    expect(model.cues('去别家私聊吧', 'off-platform')).toEqual(['私聊']);
    expect(model.cues('去别家私聊吧', 'rude')).toEqual(['别家']);
    expect(model.cues('你好', 'rude')).toEqual([]);
  });
});

describe('the shipped model l1', () => {
  it('has three heads, character 1-3-grams and a few thousand features', () => {
    const file = shipped as unknown as RedLineModelFile;
    expect(file.format).toBe('kefu-qa/red-lines@1');
    expect(file.heads).toEqual(['rude', 'off-platform', 'review-reward']);
    expect(file.orders).toEqual([1, 2, 3]);
    const features = file.features.split('\u0001').length;
    expect(features).toBeGreaterThan(1000);
    expect(features).toBeLessThan(20000);
  });

  it('is sure of plain cases and calm about ordinary service turns', () => {
    const m = redLineClassifier();
    expect(m.score('加我个人微信吧，私下转账便宜点')['off-platform']).toBeGreaterThan(0.8);
    for (const calm of ['您好，请问有什么可以帮您', '亲，已经为您安排发货了', '不好意思让您久等了，我马上为您查询'])
      for (const head of RED_LINE_HEADS) expect(m.score(calm)[head]).toBeLessThan(0.2);
  });

  it('is the scoring engine’s analyzer through judgeRedLines', () => {
    const j = judgeRedLines('加我个人微信吧', {});
    expect(j.scores['off-platform']).toBe(redLineClassifier().score('加我个人微信吧')['off-platform']);
    expect(j.cues('off-platform').length).toBeGreaterThan(0);
  });
});
