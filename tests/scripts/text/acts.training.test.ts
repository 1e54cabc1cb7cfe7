import { join } from 'node:path';
import { DEFAULT_SCORECARD_V6_INPUT } from '@core/scoring/default.scorecard.v6';
import { LATEST_ACT_MODEL } from '@core/text/dialogue-act.model';
import { patched, writerLeftOut } from '../../../scripts/eval/act-rules-by-writer';
import {
  crossFitted,
  extraTurns,
  EXTRA_WEIGHT,
  LATEST_RECIPE,
  loadTurns,
  RECIPE_OF,
  trainedOnLabel,
  trainRecipeModel,
  TUNE_WRITERS,
  writerOfFile,
  type LabelledTurn,
} from '../../../scripts/text/acts.training';

const turn = (text: string, acts: LabelledTurn['acts'], i: number, file = 'a.jsonl'): LabelledTurn => ({
  conversationId: `c${i}`,
  text,
  role: 'customer',
  firstOfRole: true,
  last: false,
  acts,
  file,
});

describe('act-model recipes', () => {
  it("keeps r3 as it was trained (v4 and v5 are judged by it on the tuning half), r4's is LATEST_RECIPE", () => {
    expect(RECIPE_OF.r3).toEqual({ lexicon: 2, minCount: 5 });
    expect(RECIPE_OF.r3.extraWeight ?? EXTRA_WEIGHT).toBe(0.3);
    expect(RECIPE_OF.r4).toBe(LATEST_RECIPE);
    expect(LATEST_RECIPE).toEqual({ lexicon: 2, minCount: 12, learningRate: 0.05, extraWeight: 0.5 });
  });

  it('names the writers by file: w4-* writer 4, fresh-* writer 2, the rest writer 1', () => {
    expect(['w4-rude.jsonl', 'fresh-calm.jsonl', 'jd.jsonl'].map(writerOfFile)).toEqual(['w4', 'w2', 'w1']);
    expect(['x1-jd.jsonl', 'x2-fresh-calm.jsonl', 'x3-w3-long.jsonl'].map(writerOfFile)).toEqual(['x1', 'x2', 'x3']);
    expect(['x4-w5-calm.jsonl', 'x5-w6-rude.jsonl', 'x6-w7-long.jsonl'].map(writerOfFile)).toEqual(['x4', 'x5', 'x6']);
    expect(['x7-w8-a-calm.jsonl', 'x8-w9-rude.jsonl', 'x9-w10-long.jsonl'].map(writerOfFile)).toEqual([
      'x7',
      'x8',
      'x9',
    ]);
    expect(['x10-w15-calm.jsonl', 'x12-w17-long.jsonl'].map(writerOfFile)).toEqual(['x10', 'x12']);
  });

  it('trains no fold on held-out turns: a held-out writer is judged as if unseen', () => {
    const turns: LabelledTurn[] = [];
    for (let i = 0; i < 20; i++) turns.push(turn(`我要投诉你们${i}`, ['complaint'], i));
    // The held-out writer calls 呵呵 a complaint; no fold may learn that from them.
    for (let i = 20; i < 40; i++) turns.push(turn('呵呵', ['complaint'], i, 'w4-x.jsonl'));
    for (let i = 40; i < 60; i++) turns.push(turn('呵呵', ['transactional'], i));
    const heldOut = crossFitted(turns, [], { minCount: 1 }, (t) => (t.file ?? '').startsWith('w4-'));
    const seen = crossFitted(turns, [], { minCount: 1 });
    const p = (folds: typeof seen) =>
      folds.classifierFor('c25').classify('呵呵', { role: 'customer', firstOfRole: true }).probabilities.complaint;
    expect(p(heldOut)).toBeLessThan(p(seen));
  });
});

describe('the shipped act model file', () => {
  it('is what scripts/text/train-acts.ts makes of today’s tuning half and training corpus (retrain after changing either)', () => {
    const corpus = join(__dirname, '../../../scripts/eval/corpus');
    const recipe = RECIPE_OF[LATEST_ACT_MODEL];
    const tune = loadTurns(join(corpus, 'tune'));
    const extra = extraTurns(join(corpus, 'train'), recipe);
    const made = trainRecipeModel([...extra, ...tune], recipe, trainedOnLabel(tune, extra));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shipped = require('@core/text/models/dialogue-acts.json');
    expect(JSON.parse(JSON.stringify(made))).toEqual(shipped);
    expect(shipped.unhappyHead).toMatchObject({ threshold: 0.5 });
  }, 300_000); // two trainings over 21,000 turns: seconds on a quiet machine, a minute or more on a busy one

  it('crossFitted trains each fold as the recipe says, the unhappy head included', () => {
    const turns: LabelledTurn[] = [];
    for (let i = 0; i < 20; i++) turns.push(turn(`我要投诉你们${i}`, ['complaint'], i));
    for (let i = 20; i < 40; i++) turns.push(turn(`什么时候发货${i}`, ['question'], i));
    // A head whose threshold no probability reaches says no to every customer turn: complaint goes.
    const folds = crossFitted(turns, [], { minCount: 1, unhappyHead: 1.1 });
    expect(folds.classifierFor('c3').classify('我要投诉你们', { role: 'customer' }).acts).not.toContain('complaint');
    expect(
      crossFitted(turns, [], { minCount: 1 }).classifierFor('c3').classify('我要投诉你们', { role: 'customer' }).acts,
    ).toContain('complaint');
  });
});

describe('act rules by writer (scripts/eval/act-rules-by-writer.ts)', () => {
  it('patches a one-condition rule, refusing any other', () => {
    const card = patched(DEFAULT_SCORECARD_V6_INPUT, { 'customer-negative': { neutralQuestionAt: 0.3 } });
    const rule = card.sections.flatMap((s) => s.rules).find((r) => r.id === 'customer-negative')!;
    expect('op' in rule.when && (rule.when.params as { neutralQuestionAt: number }).neutralQuestionAt).toBe(0.3);
    expect(() => patched(DEFAULT_SCORECARD_V6_INPUT, { 'off-platform-transaction': { window: 1 } })).toThrow(
      /not one condition/,
    );
  });

  it('leaves writer 4 out unless --writer names another writer of the tuning half', () => {
    expect(writerLeftOut(undefined)).toBe('w4');
    for (const w of TUNE_WRITERS) expect(writerLeftOut(w)).toBe(w);
    // Every writer writerOfFile can name is one --writer takes.
    expect(TUNE_WRITERS).toEqual(
      expect.arrayContaining(['x1-a.jsonl', 'fresh-a.jsonl', 'w4-a.jsonl', 'a.jsonl'].map(writerOfFile)),
    );
  });

  it.each(['w3', '4', 'W4', ''])('refuses --writer %p, naming the writers it takes', (value) => {
    expect(() => writerLeftOut(value)).toThrow(
      `--writer must be a writer of the tuning half: ${TUNE_WRITERS.join(', ')}`,
    );
  });
});
