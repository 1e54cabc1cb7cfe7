import { applyUnhappyHead, createActClassifier } from '../../../cloudfunctions/core/text/dialogue-act.classifier';
import {
  asUnhappyTurn,
  clausesOf,
  EXPERIMENTAL_RECIPES,
  RECIPE_OF,
  recipeClassifier,
  trainActModel,
  trainRecipeModel,
  unhappyHeadRecipe,
  withClauseHead,
  withUnhappyHeadModel,
  type LabelledTurn,
} from '../../../scripts/text/acts.training';
import { recipeOf } from '../../../scripts/text/cv-acts';

/** Issue 12's experimental recipe options (scripts/text/acts.training.ts, TrainOptions). */

const turn = (text: string, acts: LabelledTurn['acts'], i: number, extra = false): LabelledTurn => ({
  conversationId: `c${i}`,
  text,
  role: 'customer',
  firstOfRole: false,
  last: false,
  acts,
  ...(extra ? { extra: true } : {}),
});

/** A small corpus: complaints by 太坑了 and 烂了, questions by 吗. */
function corpus(): LabelledTurn[] {
  const turns: LabelledTurn[] = [];
  for (let i = 0; i < 30; i++) {
    turns.push(turn(`这个太坑了${i % 3}`, ['complaint'], i));
    turns.push(turn(`能发顺丰吗${i % 3}`, ['question'], 100 + i));
    turns.push(turn(`芒果烂了${i % 3}`, ['complaint'], 200 + i));
  }
  return turns;
}

const complaintOf = (model: ReturnType<typeof trainActModel>, text: string) =>
  createActClassifier(model).classify(text, { role: 'customer' }).probabilities.complaint;

describe('experimental act recipes (issue 12)', () => {
  it('leaves the model file as before when no experimental option is given', () => {
    const model = trainActModel(corpus(), { minCount: 2 });
    expect(model.thresholds.every((t) => t === 0.5)).toBe(true);
    // averageFrom at or past the last epoch is no averaging: the same file.
    expect(trainActModel(corpus(), { minCount: 2, averageFrom: 20 })).toEqual(model);
  });

  it('writes the thresholds it is given into the model file', () => {
    const model = trainActModel(corpus(), { minCount: 2, thresholds: { complaint: 0.4 } });
    expect(model.thresholds[model.acts.indexOf('complaint')]).toBe(0.4);
    expect(model.thresholds[model.acts.indexOf('anger')]).toBe(0.5);
  });

  it('a class weight above 1 makes the head say yes more readily', () => {
    const plain = trainActModel(corpus(), { minCount: 2 });
    const weighted = trainActModel(corpus(), { minCount: 2, positiveWeight: { complaint: 3 } });
    expect(complaintOf(weighted, '太坑了')).toBeGreaterThan(complaintOf(plain, '太坑了'));
  });

  it("counts the training corpus's 'neither' less in the complaint and anger heads only", () => {
    // The training corpus calls 太坑了 a question; at weight 0 its "no" is not heard by those heads.
    const extra = Array.from({ length: 30 }, (_, i) => turn(`这个太坑了${i % 3}`, ['question'], 300 + i, true));
    const heard = trainActModel([...corpus(), ...extra], { minCount: 2 });
    const muted = trainActModel([...corpus(), ...extra], { minCount: 2, extraUnhappyNegativeWeight: 0 });
    expect(complaintOf(muted, '这个太坑了')).toBeGreaterThan(complaintOf(heard, '这个太坑了'));
  });

  it('splits a customer turn into clauses of two characters or more, only when there are two', () => {
    expect(clausesOf('你好，芒果收到烂了六个')).toEqual(['你好', '芒果收到烂了六个']);
    expect(clausesOf('你好 空调不制冷')).toEqual(['你好', '空调不制冷']);
    expect(clausesOf('芒果烂了')).toEqual([]);
    expect(clausesOf('嗯，芒果烂了')).toEqual([]);
  });

  it('the clause head adds complaint when a clause alone is one, and leaves agents alone', () => {
    const base = {
      classify: (text: string) => {
        const complaint = text === '芒果收到烂了' ? 0.9 : 0.1;
        return {
          primary: 'other' as const,
          acts: ['other' as const],
          probabilities: { complaint, anger: 0 } as Record<LabelledTurn['acts'][number], number>,
        };
      },
    };
    const clf = withClauseHead(base, 0.8);
    expect(clf.classify('你好，芒果收到烂了', { role: 'customer' }).acts).toEqual(['complaint']);
    expect(clf.classify('你好，芒果收到烂了', { role: 'agent' }).acts).toEqual(['other']);
    expect(withClauseHead(base, undefined)).toBe(base);
  });

  it('writes the unhappy head into the main model file, classifying as the two models did apart', () => {
    const turns = [...corpus(), { ...turn('您好，在的', ['greeting'], 300), role: 'agent' }];
    const main = trainActModel(turns, { minCount: 2 });
    const head = trainActModel(turns.map(asUnhappyTurn), { minCount: 1 });
    const file = withUnhappyHeadModel(main, head, 0.5);
    // The main model as it was; the head's own features (seen once) after the main model's.
    expect({ ...file, unhappyHead: undefined }).toEqual({ ...main, unhappyHead: undefined });
    expect(file.unhappyHead).toMatchObject({ scale: head.scale, threshold: 0.5 });
    const mainFeatures = new Set(main.features.split('\u0001'));
    const headOnly = file.unhappyHead!.features.split('\u0001');
    expect(headOnly.length).toBeGreaterThan(0);
    expect(headOnly.filter((f) => mainFeatures.has(f))).toEqual([]);
    // The research's way: the main model's prediction, decided by the head's own file's P(complaint).
    const [alone, own, merged] = [main, head, file].map(createActClassifier);
    for (const text of ['这个太坑了', '能发顺丰吗', '芒果烂了吗', '您好，在的', '太坑了吧，能发顺丰吗']) {
      for (const role of ['customer', 'agent']) {
        const p = alone.classify(text, { role });
        const expected =
          role === 'customer' ? applyUnhappyHead(p, own.classify(text, { role }).probabilities.complaint, 0.5) : p;
        expect(merged.classify(text, { role })).toEqual(expected);
      }
    }
    expect(() => withUnhappyHeadModel(main, { ...head, lexicon: 2 }, 0.5)).toThrow(/lexicon/);
  });

  it('trains the unhappy head on customer turns relabelled complaint-or-anger, by the recipe and its head options', () => {
    expect(asUnhappyTurn(turn('滚', ['anger'], 1)).acts).toEqual(['complaint']);
    expect(asUnhappyTurn(turn('能发顺丰吗', ['question'], 2)).acts).toEqual(['other']);
    expect(asUnhappyTurn({ ...turn('给您添麻烦了', ['complaint'], 3), role: 'agent' }).acts).toEqual(['other']);
    const t = turn('太坑了', ['complaint'], 4);
    expect(asUnhappyTurn(t)).toBe(asUnhappyTurn(t));
    expect(unhappyHeadRecipe({ minCount: 12, unhappyHead: 0.5, unhappyHeadOptions: { minCount: 8 } })).toMatchObject({
      minCount: 8,
      unhappyTarget: true,
    });
    expect(() => unhappyHeadRecipe({ unhappyHead: 0.5, unhappyHeadOptions: { extraWeight: 1 } })).toThrow(
      /extraWeight/,
    );
    const clf = recipeClassifier(corpus(), { minCount: 2, unhappyHead: 0.5 });
    expect(clf.classify('这个太坑了', { role: 'customer' }).acts).toContain('complaint');
    expect(clf.classify('能发顺丰吗', { role: 'customer' }).acts).not.toContain('complaint');
    expect(trainRecipeModel(corpus(), { minCount: 2, unhappyHead: 0.5 }).unhappyHead?.threshold).toBe(0.5);
    expect(trainRecipeModel(corpus(), { minCount: 2 })).toEqual(trainActModel(corpus(), { minCount: 2 }));
    expect(() => recipeClassifier(corpus(), { minCount: 2, unhappyHead: 0.5, clauseHead: 0.5 })).toThrow(/not both/);
  });

  it('cv-acts takes a recipe by name or as JSON, and keeps the shipped recipes as they are', () => {
    expect(recipeOf('r4')).toBe(RECIPE_OF.r4);
    expect(recipeOf('{"minCount":8}')).toEqual({ minCount: 8 });
    for (const name of Object.keys(EXPERIMENTAL_RECIPES)) expect(recipeOf(name)).toBe(EXPERIMENTAL_RECIPES[name]);
    expect(RECIPE_OF.r6).toEqual({ lexicon: 2, minCount: 12, learningRate: 0.05, extraWeight: 0.5 });
    // r7 is the research's e4-head-mc8: r6's recipe and the unhappy head from features seen in 8 turns.
    expect(RECIPE_OF.r7).toBe(EXPERIMENTAL_RECIPES['e4-head-mc8']);
    expect(RECIPE_OF.r7).toEqual({ ...RECIPE_OF.r6, unhappyHead: 0.5, unhappyHeadOptions: { minCount: 8 } });
  });
});
