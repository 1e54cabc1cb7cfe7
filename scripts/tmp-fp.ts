import { readFileSync } from 'node:fs';
import { createRedLineClassifier, RED_LINE_HEADS } from '../cloudfunctions/core/text/red-line.model';
const m = createRedLineClassifier(JSON.parse(readFileSync(process.argv[2], 'utf8')));
const lines = readFileSync('/work/out/calm-agent-lines.txt', 'utf8').split('\n').filter(Boolean);
let flagged = 0;
for (const t of lines) { const s = m.score(t); const top = RED_LINE_HEADS.map((h) => [h, s[h]] as const).sort((a, b) => b[1] - a[1])[0]; if (top[1] >= 0.5) { console.log(top[1] >= 0.8 ? 'FLAG' : 'warn', top[0], top[1].toFixed(2), t, m.cues(t, top[0])); } if (top[1] >= 0.8) flagged++; }
console.log(`${flagged} of ${lines.length} flagged at 0.8`);
