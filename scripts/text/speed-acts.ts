/**
 * `npx tsx scripts/text/speed-acts.ts [--models r6,r7] [--rounds 5]`
 *
 * Turns a second each shipped act model classifies (every turn of the tuning half, the text
 * normalised beforehand as the engine gives it), the models taking turns round by round in one
 * process so that they share the machine's moods; and the ratio to the first. A comparison of
 * the models, not the engine's benchmark (scripts/bench.ts).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ACT_MODELS, actClassifier, type ActModelName } from '../../cloudfunctions/core/text/dialogue-act.model';
import { normalizeForMatching } from '../../cloudfunctions/core/text/match.normalize';
import { loadTurns } from './acts.training';
import { REPO_ROOT } from './paths';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'r6,r7' },
    rounds: { type: 'string', default: '5' },
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
function pass(model: ActModelName): number {
  const classifier = actClassifier(model);
  const start = process.hrtime.bigint();
  for (const t of turns) classifier.classify(t.text, t.ctx);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

for (const m of models) pass(m); // loads the files and warms the code up
const seconds = new Map(models.map((m) => [m, 0]));
for (let r = 0; r < rounds; r++) for (const m of models) seconds.set(m, seconds.get(m)! + pass(m));
const rate = (m: ActModelName) => (turns.length * rounds) / seconds.get(m)!;
for (const m of models)
  console.log(
    `${m}: ${Math.round(rate(m))} turns/s (${turns.length} turns x ${rounds} rounds); ${(rate(m) / rate(models[0])).toFixed(3)} x ${models[0]}'s speed`,
  );
console.log(JSON.stringify({ speedActs: Object.fromEntries(models.map((m) => [m, Math.round(rate(m))])) }));
