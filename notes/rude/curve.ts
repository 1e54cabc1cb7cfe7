/**
 * Research aid (issue 12, rude recall): leave one writer out as train-red-lines.ts --check does,
 * but keeps each held-out conversation's highest rude score so the found/false trade-off can be
 * read at every bar at once. `npx tsx notes/rude/curve.ts [--recipe JSON] [--head rude]`
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRedLineClassifier, type RedLineHead } from '../../cloudfunctions/core/text/red-line.model';
import {
  fromTuningHalf,
  redLineTrainingCases,
  trainRedLineModel,
  type RedLineRecipe,
} from '../../scripts/text/red-lines.training';
import { REPO_ROOT } from '../../scripts/text/paths';

const { values } = parseArgs({
  options: { recipe: { type: 'string' }, head: { type: 'string', default: 'rude' }, misses: { type: 'boolean' } },
});
const recipe = (values.recipe ? JSON.parse(values.recipe) : {}) as RedLineRecipe;
const head = values.head as RedLineHead;
const cases = redLineTrainingCases(join(REPO_ROOT, 'scripts', 'eval', 'corpus'), recipe);
const writers = [...new Set(cases.filter(fromTuningHalf).map((c) => c.writer))].sort();
const rows: { writer: string; id: string; expected: boolean; lists: boolean; score: number }[] = [];
for (const writer of writers) {
  const model = createRedLineClassifier(
    trainRedLineModel(
      cases.filter((c) => c.writer !== writer),
      recipe,
    ),
  );
  for (const c of cases.filter((x) => x.writer === writer))
    rows.push({
      writer,
      id: c.id,
      expected: c.expected.has(head),
      lists: c.agentTurns.some((t) => t.listed.has(head)),
      score: Math.max(0, ...c.agentTurns.map((t) => model.scoreFeatures(t.features)[head])),
    });
}
const bars = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97];
for (const fair of [true, false]) {
  const sel = rows.filter((r) => !fair || r.writer.startsWith('x'));
  const cells = bars.map((bar) => {
    const hit = (r: (typeof rows)[number]) => r.lists || r.score >= bar;
    const found = sel.filter((r) => r.expected && hit(r)).length;
    const falses = sel.filter((r) => !r.expected && hit(r)).length;
    return `${bar}: ${found}/${sel.filter((r) => r.expected).length} f${falses}`;
  });
  console.log(`${head} ${fair ? 'x1-x12' : 'all   '} ${cells.join('  ')}`);
}
if (values.misses)
  for (const r of rows.filter(
    (x) => x.writer.startsWith('x') && !x.lists && (x.expected ? x.score < 0.9 : x.score >= 0.5),
  ))
    console.log(`${r.expected ? 'MISS' : 'FALSE'} ${r.id} ${r.score.toFixed(3)}`);
console.log(JSON.stringify({ recipe, head }));
