/**
 * Dialogue acts of a turn (question, order talk, complaint, anger, apology/empathy, greeting,
 * closing, commitment, other): one logistic regression per act over the features of
 * dialogue-act.features.ts (a turn may carry several acts: 「亲您好，给您添麻烦了」 is a greeting and
 * an apology). Trained by scripts/text/train-acts.ts from the labelled turns of the tuning half
 * of scripts/eval/corpus; the model file is data, this file only reads it.
 */
import { DIALOGUE_ACTS, type DialogueAct } from './dialogue-act.lexicon';
import { actFeatures, type TurnContext } from './dialogue-act.features';

export interface ActModelFile {
  format: 'kefu-qa/dialogue-acts@1';
  acts: DialogueAct[];
  /** Feature names joined by U+0001. */
  features: string;
  /** weights[a][f]: act a, feature f (aligned with `features`); sparse rows as [index, weight] pairs. */
  weights: [number, number][][];
  bias: number[];
  /** An act is present when its probability reaches its threshold. */
  thresholds: number[];
  trainedOn: string;
}

export interface ActPrediction {
  /** The most probable act (`other` when none reaches its threshold). */
  primary: DialogueAct;
  /** Every act whose probability reaches its threshold, most probable first. */
  acts: DialogueAct[];
  probabilities: Record<DialogueAct, number>;
}

export interface ActClassifier {
  classify(text: string, ctx: TurnContext): ActPrediction;
}

/** P(complaint) + P(anger) at which a turn counts as one of the two. */
const UNHAPPY_THRESHOLD = 0.5;

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function createActClassifier(model: ActModelFile): ActClassifier {
  if (model.format !== 'kefu-qa/dialogue-acts@1') throw new Error(`unknown act model format ${String(model.format)}`);
  const index = new Map<string, number>();
  model.features.split('\u0001').forEach((f, i) => index.set(f, i));
  // Dense per-feature rows: feature → weights of every act, so a turn costs one lookup a feature.
  const A = model.acts.length;
  const byFeature = new Float64Array(index.size * A);
  model.weights.forEach((row, a) => row.forEach(([f, w]) => (byFeature[f * A + a] = w)));
  return {
    classify(text, ctx) {
      const z = Float64Array.from(model.bias);
      for (const f of new Set(actFeatures(text, ctx))) {
        const i = index.get(f);
        if (i === undefined) continue;
        for (let a = 0; a < A; a++) z[a] += byFeature[i * A + a];
      }
      const probabilities = Object.fromEntries(DIALOGUE_ACTS.map((act) => [act, 0])) as Record<DialogueAct, number>;
      model.acts.forEach((act, a) => (probabilities[act] = sigmoid(z[a])));
      const ranked = [...model.acts].sort((x, y) => probabilities[y] - probabilities[x]);
      const acts = ranked.filter(
        (act) => probabilities[act] >= model.thresholds[model.acts.indexOf(act)] && act !== 'other',
      );
      // Complaint and anger shade into each other (labellers split them differently); a turn that is
      // clearly one of the two, though neither alone reaches its threshold, is the likelier one.
      if (
        !acts.includes('complaint') &&
        !acts.includes('anger') &&
        probabilities.complaint + probabilities.anger >= UNHAPPY_THRESHOLD
      ) {
        acts.push(probabilities.complaint >= probabilities.anger ? 'complaint' : 'anger');
        acts.sort((x, y) => probabilities[y] - probabilities[x]);
      }
      return { primary: acts[0] ?? 'other', acts: acts.length ? acts : ['other'], probabilities };
    },
  };
}
