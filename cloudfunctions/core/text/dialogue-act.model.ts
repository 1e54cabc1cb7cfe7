/**
 * The shipped dialogue-act classifier (models/dialogue-acts.json, trained by
 * scripts/text/train-acts.ts on the tuning half of the labelled chat corpus), built once per
 * function instance on first use.
 */
import shippedModel from './models/dialogue-acts.json';
import {
  createActClassifier,
  type ActClassifier,
  type ActModelFile,
  type ActPrediction,
} from './dialogue-act.classifier';
import type { TurnContext } from './dialogue-act.features';

let shipped: ActClassifier | undefined;

export function defaultActClassifier(): ActClassifier {
  return (shipped ??= createActClassifier(shippedModel as unknown as ActModelFile));
}

export function classifyActs(text: string, turn: TurnContext): ActPrediction {
  return defaultActClassifier().classify(text, turn);
}
