/**
 * Research aid: a rough per-turn cost ratio of a red-line model file against the shipped one, on
 * the agent turns of the tuning half (each normalised once beforehand, as the engine does).
 * `npx tsx notes/rude/speed.ts FILE [ROUNDS] [REFERENCE]` — alternates the two models ROUNDS times
 * (the reference: the shipped models/red-lines.json unless a file is named).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import shipped from '../../cloudfunctions/core/text/models/red-lines.json';
import { normalizeForMatching } from '../../cloudfunctions/core/text/match.normalize';
import { createRedLineClassifier, type RedLineModelFile } from '../../cloudfunctions/core/text/red-line.model';
import { REPO_ROOT } from '../../scripts/text/paths';

const [file, rounds = '5', reference] = process.argv.slice(2);
const dir = join(REPO_ROOT, 'scripts', 'eval', 'corpus', 'tune');
const turns: { text: string; normalized: string }[] = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')))
  for (const line of readFileSync(join(dir, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim()))
    for (const m of (JSON.parse(line) as { messages: { role: string; text: string }[] }).messages)
      if (m.role === 'agent') turns.push({ text: m.text, normalized: normalizeForMatching(m.text, 2).text });
const models = {
  shipped: createRedLineClassifier(
    (reference ? JSON.parse(readFileSync(reference, 'utf8')) : shipped) as RedLineModelFile,
  ),
  candidate: createRedLineClassifier(JSON.parse(readFileSync(file, 'utf8')) as RedLineModelFile),
};
const time = (m: (typeof models)['shipped']) => {
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let k = 0; k < 5; k++) for (const t of turns) sink += m.score(t.text, t.normalized).rude;
  return [Number(process.hrtime.bigint() - t0) / 1e6, sink] as const;
};
time(models.shipped);
time(models.candidate);
const ratios: number[] = [];
for (let r = 0; r < Number(rounds); r++) {
  const [a] = time(models.shipped);
  const [b] = time(models.candidate);
  ratios.push(b / a);
  console.log(`round ${r}: shipped ${a.toFixed(0)} ms, candidate ${b.toFixed(0)} ms (${turns.length * 5} turns each)`);
}
ratios.sort((x, y) => x - y);
console.log(`candidate / shipped per-turn time, median of ${ratios.length}: ${ratios[ratios.length >> 1].toFixed(2)}`);
