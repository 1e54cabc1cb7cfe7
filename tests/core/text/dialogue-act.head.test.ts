import {
  applyUnhappyHead,
  createActClassifier,
  toBase64,
  type ActModelFile,
  type ActPrediction,
} from '@core/text/dialogue-act.classifier';
import { DIALOGUE_ACTS, type DialogueAct } from '@core/text/dialogue-act.lexicon';

/** The unhappy head in the act model file (model r7 on) and how the classifier applies it. */

const SCALE = 0.001;
/** Weights as the file stores them: 16-bit little-endian integers of `weight / SCALE`, in base64. */
const encode = (weights: number[]) => {
  const bytes = new Uint8Array(weights.length * 2);
  weights.forEach((w, k) => {
    const v = Math.round(w / SCALE);
    bytes[2 * k] = v & 0xff;
    bytes[2 * k + 1] = (v >> 8) & 0xff;
  });
  return toBase64(bytes);
};
const row = (weights: Partial<Record<DialogueAct, number>>) => DIALOGUE_ACTS.map((a) => weights[a] ?? 0);

/**
 * A hand-built file: 太坑 is a complaint and 发货 a question to the main model; to the head, 太坑 is
 * not unhappy (a customer quoting a review, say) and 慢死, a feature only the head reads, is.
 */
const MAIN: ActModelFile = {
  format: 'kefu-qa/dialogue-acts@2',
  acts: [...DIALOGUE_ACTS],
  features: ['2:太坑', '2:发货'].join('\u0001'),
  weights: encode([...row({ complaint: 6 }), ...row({ question: 6 })]),
  scale: SCALE,
  bias: DIALOGUE_ACTS.map(() => -3),
  thresholds: DIALOGUE_ACTS.map(() => 0.5),
  trainedOn: 'hand-built',
  lexicon: 2,
};
const WITH_HEAD: ActModelFile = {
  ...MAIN,
  // The head's column over the main model's features (太坑, 发货), then its own (慢死).
  unhappyHead: { features: '2:慢死', weights: encode([-3, 0, 6]), scale: SCALE, bias: -3, threshold: 0.5 },
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const customer = { role: 'customer' };

describe('the unhappy head in the act classifier', () => {
  const plain = createActClassifier(MAIN);
  const headed = createActClassifier(WITH_HEAD);

  it('takes complaint from a turn the main model calls one when the head says no, capping its probability', () => {
    expect(plain.classify('太坑', customer).acts).toEqual(['complaint']);
    const p = headed.classify('太坑', customer);
    expect(p).toMatchObject({ primary: 'other', acts: ['other'] });
    expect(p.probabilities.complaint).toBeCloseTo(sigmoid(-6), 12);
  });

  it('gives complaint to a turn the main model does not call one when the head says yes', () => {
    expect(plain.classify('发货太慢死了', customer).acts).toEqual(['question']);
    const p = headed.classify('发货太慢死了', customer);
    expect(p).toMatchObject({ primary: 'question', acts: ['complaint', 'question'] });
    expect(p.probabilities.complaint).toBeCloseTo(sigmoid(3), 12);
    // The head's own feature weighs nothing in the main model: the other acts are as without the head.
    expect(p.probabilities.question).toBe(plain.classify('发货太慢死了', customer).probabilities.question);
  });

  it('leaves agent turns to the main model, and a file without the head as it was', () => {
    expect(headed.classify('太坑', { role: 'agent' })).toEqual(plain.classify('太坑', { role: 'agent' }));
    expect(plain.classify('发货太慢死了', customer).probabilities.complaint).toBeCloseTo(sigmoid(-3), 12);
  });

  it('refuses a head that repeats a main feature or whose weights do not match the index', () => {
    const head = WITH_HEAD.unhappyHead!;
    expect(() => createActClassifier({ ...MAIN, unhappyHead: { ...head, features: '2:太坑' } })).toThrow(/repeats/);
    expect(() => createActClassifier({ ...MAIN, unhappyHead: { ...head, weights: encode([1, 2]) } })).toThrow(/match/);
  });
});

describe('applyUnhappyHead', () => {
  const prediction = (acts: DialogueAct[], complaint: number, anger = 0): ActPrediction => ({
    primary: acts[0],
    acts,
    probabilities: { ...Object.fromEntries(DIALOGUE_ACTS.map((a) => [a, 0])), complaint, anger } as Record<
      DialogueAct,
      number
    >,
  });

  it('adds the likelier of complaint and anger by the main model when the head says yes', () => {
    expect(applyUnhappyHead(prediction(['question'], 0.2, 0.3), 0.9, 0.5).acts).toEqual(['anger', 'question']);
    const p = applyUnhappyHead(prediction(['other'], 0.4), 0.9, 0.5);
    expect(p).toMatchObject({ primary: 'complaint', acts: ['complaint'] });
    expect(p.probabilities.complaint).toBe(0.9);
  });

  it('keeps the act main gave, at least as probable as the head says', () => {
    expect(applyUnhappyHead(prediction(['anger'], 0.1, 0.6), 0.8, 0.5)).toMatchObject({
      acts: ['anger'],
      probabilities: { anger: 0.8, complaint: 0.1 },
    });
  });

  it('takes both away when the head says no, the rest staying', () => {
    expect(applyUnhappyHead(prediction(['complaint', 'question'], 0.6), 0.1, 0.5)).toMatchObject({
      acts: ['question'],
      primary: 'question',
      probabilities: { complaint: 0.1 },
    });
    expect(applyUnhappyHead(prediction(['complaint'], 0.6), 0.1, 0.5).acts).toEqual(['other']);
  });
});
