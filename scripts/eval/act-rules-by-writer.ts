/**
 * `npx tsx scripts/eval/act-rules-by-writer.ts [--writer w4] [--version 5|6] [--recipe r1…|JSON] [--lowo] [--gold-acts] [--patch JSON]`
 *
 * The act rules (customer-negative, no-apology-on-complaint) on the tuning half WITHOUT one
 * writer's files, by writer (as writerOfFile names them: `w2` = `fresh-*`, `w4` = `w4-*`, `x1`-`x9`
 * = the retired frozen halves' `x1-*`-`x9-*`, `w1` the rest). `--writer` names the writer left out
 * (one of TUNE_WRITERS: w1, w2, w4, x1-x12; default w4, the writer held out while scorecard v6 was
 * developed): its conversations are neither judged nor in any act model's training. With `--lowo` each writer's
 * conversations are judged by an act model trained on the other writers (the one left out never)
 * and the act-training corpus (how well the rules carry to a writer the model never saw); without
 * it, by 5-fold cross-fitted models that never saw the writer left out either. The act model is
 * trained by the recipe of the scorecard's own model unless `--recipe` names another;
 * `--patch '{"customer-negative":{"minConfidence":0.3}}'` changes a rule's parameters (a rule of one
 * condition) before scoring. Also lists the calm conversations that should pass and fail.
 * Never reads a frozen half.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { conversationFromJsonl } from '../../cloudfunctions/core/conversation';
import { compileScorecard, scoreConversation } from '../../cloudfunctions/core/scoring';
import { DEFAULT_SCORECARD_V5_INPUT } from '../../cloudfunctions/core/scoring/default.scorecard.v5';
import { DEFAULT_SCORECARD_V6_INPUT } from '../../cloudfunctions/core/scoring/default.scorecard.v6';
import { parseScorecard, type ScorecardInput } from '../../cloudfunctions/core/scoring/scorecard.schema';
import type { ActClassifier } from '../../cloudfunctions/core/text/dialogue-act.classifier';
import { DIALOGUE_ACTS, type DialogueAct } from '../../cloudfunctions/core/text/dialogue-act.lexicon';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import {
  crossFitted,
  EXPERIMENTAL_RECIPES,
  extraTurns,
  loadTurns,
  RECIPE_OF,
  recipeClassifier,
  TUNE_WRITERS,
  writerOfFile,
  type TrainOptions,
  type TuneWriter,
} from '../text/acts.training';
import { loadSplit, passesWithLabels } from './eval-rules';

const CORPUS = join(__dirname, 'corpus');
const ACT_RULES = ['customer-negative', 'no-apology-on-complaint'] as const;
type RuleInput = ScorecardInput['sections'][number]['rules'][number];

const USAGE = `usage: npx tsx scripts/eval/act-rules-by-writer.ts [--writer ${TUNE_WRITERS.join('|')}] [--version 5|6] [--recipe ${Object.keys(RECIPE_OF).join('|')}|JSON] [--lowo] [--gold-acts] [--patch JSON]`;

/** The writer left out unless `--writer` names another: writer 4, held out while scorecard v6 was developed. */
export const DEFAULT_LEFT_OUT: TuneWriter = 'w4';

/** `--writer`'s value as a writer of the tuning half (absent: writer 4); an error naming the writers otherwise. */
export function writerLeftOut(value: string | undefined): TuneWriter {
  if (value === undefined) return DEFAULT_LEFT_OUT;
  if ((TUNE_WRITERS as readonly string[]).includes(value)) return value as TuneWriter;
  throw new Error(
    `--writer must be a writer of the tuning half: ${TUNE_WRITERS.join(', ')} (w2 = fresh-*, w4 = w4-*, x1-x12 = x1-*…x12-*, w1 the rest), not "${value}"`,
  );
}

/** The scorecard with `patch` merged into the params of the rules it names (each one operator). */
export function patched(input: ScorecardInput, patch: Record<string, Record<string, unknown>>): ScorecardInput {
  const rule = (r: RuleInput): RuleInput => {
    const p = patch[r.id];
    if (!p) return r;
    if (!('op' in r.when)) throw new Error(`--patch: ${r.id} is not one condition`);
    return { ...r, when: { ...r.when, params: { ...(r.when.params as object), ...p } } };
  };
  return { ...input, sections: input.sections.map((s) => ({ ...s, rules: s.rules.map(rule) })) };
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const figures = (c: Counts) => {
  const p = c.tp / (c.tp + c.fp);
  const r = c.tp / (c.tp + c.fn);
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${((2 * p * r) / (p + r)).toFixed(3)} (${c.tp + c.fn} expected)`;
};

function main(): number {
  let values;
  let leftOut: TuneWriter;
  try {
    ({ values } = parseArgs({
      options: {
        writer: { type: 'string' },
        version: { type: 'string', default: '6' },
        recipe: { type: 'string' },
        lowo: { type: 'boolean', default: false },
        'gold-acts': { type: 'boolean', default: false },
        patch: { type: 'string', default: '{}' },
        help: { type: 'boolean', default: false },
      },
    }));
    leftOut = writerLeftOut(values.writer);
  } catch (e) {
    console.error(`act-rules-by-writer: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const inputs: Record<string, ScorecardInput> = { '5': DEFAULT_SCORECARD_V5_INPUT, '6': DEFAULT_SCORECARD_V6_INPUT };
  const input = inputs[values.version!];
  if (!input) throw new Error('--version must be 5 or 6');
  const card = parseScorecard(patched(input, JSON.parse(values.patch!) as Record<string, Record<string, unknown>>));
  const named = values.recipe ?? card.text?.acts ?? 'r1';
  const recipe: TrainOptions = named.startsWith('{')
    ? (JSON.parse(named) as TrainOptions)
    : (RECIPE_OF[named as keyof typeof RECIPE_OF] ?? EXPERIMENTAL_RECIPES[named]);
  if (!recipe) throw new Error('--recipe must name a recipe of RECIPE_OF or EXPERIMENTAL_RECIPES, or be JSON');

  const turns = loadTurns(join(CORPUS, 'tune'));
  const extra = extraTurns(join(CORPUS, 'train'), recipe);
  const isLeftOut = (file?: string) => writerOfFile(file ?? '') === leftOut;
  let classifierFor: (id: string, file: string) => ActClassifier;
  if (values.lowo) {
    const trainedWithout = (writer: TuneWriter) =>
      recipeClassifier(
        [...extra, ...turns.filter((t) => !isLeftOut(t.file) && writerOfFile(t.file ?? '') !== writer)],
        recipe,
      );
    // One model per writer judged, trained when its first conversation comes (every writer but the one left out).
    const models = new Map<TuneWriter, ActClassifier>();
    classifierFor = (_id, file) => {
      const writer = writerOfFile(file);
      let model = models.get(writer);
      if (!model) models.set(writer, (model = trainedWithout(writer)));
      return model;
    };
  } else {
    const folds = crossFitted(turns, extra, recipe, (t) => isLeftOut(t.file));
    classifierFor = (id) => folds.classifierFor(id);
  }

  // --gold-acts: every turn read as labelled (probability 1 for its acts): the rules' ceiling, what
  // no act model can do better than, to tell the rules' misses from the classifier's.
  let unlabelled = 0;
  if (values['gold-acts']) {
    const gold = new Map(turns.map((t) => [`${t.role}\u0000${t.text}`, t.acts]));
    const goldClassifier: ActClassifier = {
      classify(text, turn) {
        const acts = gold.get(`${turn.role}\u0000${text}`) ?? (unlabelled++, ['other' as const]);
        const probabilities = Object.fromEntries(DIALOGUE_ACTS.map((a) => [a, acts.includes(a) ? 1 : 0]));
        return { primary: acts[0], acts, probabilities: probabilities as Record<DialogueAct, number> };
      },
    };
    classifierFor = () => goldClassifier;
  }

  const compiled = compileScorecard(card);
  const counts = new Map<string, Counts>();
  const count = (key: string) => {
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const calmFailing: string[] = [];
  for (const c of loadSplit('tune', CORPUS).filter((k) => !isLeftOut(k.file))) {
    const parsed = conversationFromJsonl(c.line);
    if (!parsed.ok) throw new Error(`${c.file} ${c.id}: ${parsed.error.message}`);
    const clf = classifierFor(c.id, c.file);
    const result = scoreConversation(compiled, parsed.conversation, {
      text: { sentiment: analyzeSentiment, acts: (text, turn) => clf.classify(text, turn) },
    });
    const hits = new Set(result.hits.map((h) => h.ruleId));
    for (const rule of ACT_RULES) {
      for (const key of [rule, `${rule} ${writerOfFile(c.file)}`]) {
        const k = count(key);
        const expected = c.expect.includes(rule);
        if (expected && hits.has(rule)) k.tp++;
        else if (hits.has(rule)) k.fp++;
        else if (expected) k.fn++;
      }
    }
    if (c.calm && passesWithLabels(card, c.expect) && !result.passed) calmFailing.push(c.id);
  }
  console.log(
    `scorecard v${card.version}, act recipe ${JSON.stringify(recipe)}, ${values.lowo ? 'each writer judged by a model trained without it' : '5-fold'}, writer ${leftOut} left out`,
  );
  for (const [key, c] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)))
    console.log(`${key.padEnd(30)} ${figures(c)}`);
  if (values['gold-acts'])
    console.log(`gold acts: ${unlabelled} turns not found among the labelled turns (read as other)`);
  console.log(`calm conversations that should pass, failing: ${calmFailing.length} ${calmFailing.join(' ')}`);
  return 0;
}

if (require.main === module) process.exitCode = main();
