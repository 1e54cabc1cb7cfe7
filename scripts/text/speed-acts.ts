/**
 * `npx tsx scripts/text/speed-acts.ts [--models r6,r7] [--rounds 5] [--engine]`
 *
 * Turns a second each shipped act model classifies (every turn of the tuning half, the text
 * normalised beforehand as the engine gives it), the models taking turns round by round in one
 * process so that they share the machine's moods; and the ratio to the first. `--engine` times
 * whole scorings instead: the default scorecard v8 over the bench's 2,000 conversations, its
 * `text.acts` set to each model in turn (from source, not bundled as `npm run bench` is). A
 * comparison of the models, not the engine's benchmark (scripts/bench.ts).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileScorecard, scoreConversation, type ScoringFacts } from '../../cloudfunctions/core/scoring';
import { DEFAULT_SCORECARD_V8 } from '../../cloudfunctions/core/scoring/default.scorecard.v8';
import {
  ACT_MODELS,
  actClassifier,
  classifyActs,
  type ActModelName,
} from '../../cloudfunctions/core/text/dialogue-act.model';
import { normalizeForMatching } from '../../cloudfunctions/core/text/match.normalize';
import { judgeRedLines } from '../../cloudfunctions/core/text/red-line.model';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import { generateBenchConversations } from '../support/bench.conversations';
import { loadTurns } from './acts.training';
import { REPO_ROOT } from './paths';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'r6,r7' },
    rounds: { type: 'string', default: '5' },
    engine: { type: 'boolean', default: false },
  },
});
const models = values.models!.split(',') as ActModelName[];
for (const m of models) if (!(ACT_MODELS as readonly string[]).includes(m)) throw new Error(`unknown act model ${m}`);
const rounds = Number(values.rounds);

const turns = loadTurns(join(REPO_ROOT, 'scripts', 'eval', 'corpus', 'tune')).map((t) => ({
  text: t.text,
  ctx: { role: t.role, firstOfRole: t.firstOfRole, last: t.last, normalized: normalizeForMatching(t.text).text },
}));

/** Seconds one pass over every turn takes. */
function turnPass(model: ActModelName): number {
  const classifier = actClassifier(model);
  const start = process.hrtime.bigint();
  for (const t of turns) classifier.classify(t.text, t.ctx);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const conversations = values.engine ? generateBenchConversations(2000, 42) : [];
const facts: ScoringFacts = { text: { sentiment: analyzeSentiment, acts: classifyActs, redLines: judgeRedLines } };
const compiled = new Map(
  models.map((m) => [m, compileScorecard({ ...DEFAULT_SCORECARD_V8, text: { normalize: 2, acts: m } })]),
);
let sink = 0;

/** Seconds scoring every bench conversation by v8's rules, reading acts by `model`, takes. */
function scoringPass(model: ActModelName): number {
  const card = compiled.get(model)!;
  const start = process.hrtime.bigint();
  for (const c of conversations) sink += scoreConversation(card, c, facts).total;
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const [pass, items, unit] = values.engine
  ? [scoringPass, conversations.length, 'conversations']
  : [turnPass, turns.length, 'turns'];

for (const m of models) pass(m); // loads the files and warms the code up
const seconds = new Map(models.map((m) => [m, 0]));
for (let r = 0; r < rounds; r++) for (const m of models) seconds.set(m, seconds.get(m)! + pass(m));
const rate = (m: ActModelName) => (items * rounds) / seconds.get(m)!;
for (const m of models)
  console.log(
    `${m}: ${Math.round(rate(m))} ${unit}/s (${items} ${unit} x ${rounds} rounds); ${(rate(m) / rate(models[0])).toFixed(3)} x ${models[0]}'s speed`,
  );
console.log(
  JSON.stringify({ speedActs: { unit, ...Object.fromEntries(models.map((m) => [m, Math.round(rate(m))])) }, sink }),
);
