// Tried for scorecard v6, not kept (README, version 6): can a char-gram model of rude agent turns, trained on one writer, find another writer's?
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { conversationFromJsonl } from '../../cloudfunctions/core/conversation';
import { compileScorecard, scoreConversation } from '../../cloudfunctions/core/scoring';
import { DEFAULT_SCORECARD_V5 } from '../../cloudfunctions/core/scoring/default.scorecard.v5';
import { classifyActs } from '../../cloudfunctions/core/text/dialogue-act.model';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import { createActClassifier } from '../../cloudfunctions/core/text/dialogue-act.classifier';
import { trainActModel, type LabelledTurn } from '../text/acts.training';

const DIR = join(__dirname, 'corpus', 'tune');
const v5 = compileScorecard(DEFAULT_SCORECARD_V5);
const writer = (f: string) => (f.startsWith('fresh-') ? 'w2' : 'w1');
interface Conv {
  id: string;
  w: string;
  rude: boolean;
  turns: { text: string; pos: boolean | null }[];
}
const convs: Conv[] = [];
for (const f of readdirSync(DIR).filter((x) => x.endsWith('.jsonl') && !x.startsWith('w4-'))) {
  for (const line of readFileSync(join(DIR, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line);
    const parsed = conversationFromJsonl(line);
    if (!parsed.ok) continue;
    const rude = rec.expect.includes('rude-language');
    const r = scoreConversation(v5, parsed.conversation, { text: { sentiment: analyzeSentiment, acts: classifyActs } });
    const hitIdx = new Set(r.hits.filter((h) => h.ruleId === 'rude-language').map((h) => h.messageIndex));
    const turns = parsed.conversation.messages
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => m.role === 'agent')
      .map(({ m, i }) => ({ text: m.text, pos: rude ? (hitIdx.has(i) ? true : null) : false }));
    convs.push({ id: rec.id, w: writer(f), rude, turns });
  }
}
const toTurns = (cs: Conv[]): LabelledTurn[] =>
  cs.flatMap((c) =>
    c.turns
      .filter((t) => t.pos !== null)
      .map((t) => ({
        conversationId: c.id,
        text: t.text,
        role: 'agent',
        firstOfRole: false,
        last: false,
        acts: [t.pos ? 'anger' : 'other'] as LabelledTurn['acts'],
      })),
  );
for (const held of ['w1', 'w2']) {
  const train = convs.filter((c) => c.w !== held);
  const test = convs.filter((c) => c.w === held);
  const clf = createActClassifier(trainActModel(toTurns(train), { lexicon: 2, minCount: 3 }));
  const score = (c: Conv) =>
    Math.max(0, ...c.turns.map((t) => clf.classify(t.text, { role: 'agent' }).probabilities.anger));
  for (const th of [0.5, 0.7, 0.9]) {
    let tp = 0,
      fp = 0,
      fn = 0;
    for (const c of test) {
      const p = score(c) >= th;
      if (p && c.rude) tp++;
      else if (p) fp++;
      else if (c.rude) fn++;
    }
    console.log(
      `${held} held out, th ${th}: rude convs ${tp + fn}, caught ${tp} (R ${(tp / (tp + fn)).toFixed(2)}), false ${fp} of ${test.filter((c) => !c.rude).length} (P ${(tp / (tp + fp)).toFixed(2)})`,
    );
  }
}
