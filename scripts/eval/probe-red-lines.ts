/**
 * `npx tsx scripts/eval/probe-red-lines.ts [--out hits.tsv]`: the red lines of the default
 * scorecard run over real Chinese text nobody wrote for us (the review and news corpora in
 * ../shared/data: 62,846 sentences), each said by an agent after a customer's 「你好」. Almost none
 * of it is an agent insulting a customer, so every hit is a candidate false alarm to read by
 * hand: the hits are counted per rule and per matched word (sound-alike matches apart), and
 * written to the file. Reads the corpora folder beside the repository (KEFU_DATA_DIR, see
 * scripts/text/paths.ts), which a user's clone does not have; stores nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { conversationFromJsonl } from '../../cloudfunctions/core/conversation';
import { compileScorecard, DEFAULT_SCORECARD, scoreConversation } from '../../cloudfunctions/core/scoring';
import { classifyActs } from '../../cloudfunctions/core/text/dialogue-act.model';
import { judgeRedLines } from '../../cloudfunctions/core/text/red-line.model';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import { dataFile } from '../text/paths';

function sentences(): string[] {
  const out: string[] = [];
  const csv = (file: string, skip: number) => {
    for (const line of readFileSync(dataFile(file), 'utf8').split('\n').slice(1)) {
      const text = line.split(',').slice(skip).join(',').trim();
      if (text) out.push(text);
    }
  };
  csv('sentiment/online_shopping_7_cats.csv', 2);
  csv('sentiment/waimai_10k.csv', 1);
  for (const file of ['segmentation/pku_test.utf8', 'segmentation/msr_test.utf8'])
    for (const line of readFileSync(dataFile(file), 'utf8').split('\n')) if (line.trim()) out.push(line.trim());
  return out;
}

function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const compiled = compileScorecard(DEFAULT_SCORECARD);
  const red = new Set(
    DEFAULT_SCORECARD.sections
      .flatMap((s) => s.rules)
      .filter((r) => r.critical)
      .map((r) => r.id),
  );
  const facts = { text: { sentiment: analyzeSentiment, acts: classifyActs, redLines: judgeRedLines } };
  const rows: string[] = [];
  const byRule = new Map<string, number>();
  const byWord = new Map<string, number>();
  const all = sentences();
  all.forEach((text, i) => {
    const parsed = conversationFromJsonl(
      JSON.stringify({
        id: `probe-${i}`,
        channel: 'mp-kf',
        agentId: 'probe-agent',
        customerId: 'probe-customer',
        partial: true,
        messages: [
          { role: 'customer', at: '2026-11-20T10:00:00+08:00', text: '你好' },
          { role: 'agent', at: '2026-11-20T10:00:10+08:00', text: text.slice(0, 500) },
        ],
      }),
    );
    if (!parsed.ok) return;
    const hits = scoreConversation(compiled, parsed.conversation, facts).hits.filter((h) => red.has(h.ruleId));
    for (const h of hits) {
      byRule.set(h.ruleId, (byRule.get(h.ruleId) ?? 0) + 1);
      const word = /命中「([^」]+)」(（读音相近)?/.exec(h.reason);
      const key = word ? `${word[1]}${word[2] ? ' (sound)' : ''}` : h.ruleId;
      byWord.set(key, (byWord.get(key) ?? 0) + 1);
    }
    if (hits.length) rows.push(`${i}\t${hits.map((h) => `${h.ruleId}: ${h.reason}`).join(' | ')}\t${text}`);
  });
  if (values.out) writeFileSync(values.out, rows.join('\n') + '\n');
  console.log(`${all.length} sentences said by an agent; ${rows.length} with a red-line hit`);
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${rule}: ${n}`);
  console.log('matched words (most first):');
  for (const [w, n] of [...byWord].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${w}: ${n}`);
  const sound = [...byWord].filter(([w]) => w.endsWith('(sound)')).reduce((s, [, n]) => s + n, 0);
  console.log(
    JSON.stringify({
      probe: { sentences: all.length, withRedLine: rows.length, byRule: Object.fromEntries(byRule), soundAlike: sound },
    }),
  );
}

main();
