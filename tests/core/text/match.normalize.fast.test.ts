/**
 * The fold-only shortcut of normalizeForMatching against the general passes it skips: on every
 * line of the tuning and training corpora, the bench's conversations and random strings drawn
 * from the characters the passes treat specially, both editions must give the same text and
 * the same original span for every span.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  normalizeByPasses,
  normalizeForMatching,
  toOriginalSpan,
  type MatchEdition,
} from '../../../cloudfunctions/core/text/match.normalize';
import { generateBenchConversations } from '../../../scripts/support/bench.conversations';

const CORPUS = join(__dirname, '../../../scripts/eval/corpus');

function corpusLines(): string[] {
  const lines: string[] = [];
  for (const half of ['tune', 'train']) {
    for (const file of readdirSync(join(CORPUS, half)).filter((f) => f.endsWith('.jsonl'))) {
      for (const row of readFileSync(join(CORPUS, half, file), 'utf8').split('\n')) {
        if (!row.trim()) continue;
        const conv = JSON.parse(row) as { messages?: { text?: string }[] };
        for (const m of conv.messages ?? []) if (typeof m.text === 'string') lines.push(m.text);
      }
    }
  }
  return lines;
}

function randomLines(n: number): string[] {
  let s = 12345;
  const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pool = Array.from(
    '好的谢谢微信薇信加我vxVX，。？！,.?!-_ ·*/+＋１２ＡＢ①元块圆米五伍返現貨神马亲\u200b\u0301 \u3000😀🧧➕V信QQq',
  );
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => pool[Math.floor(rnd() * pool.length)]).join(''),
  );
}

describe('normalizeForMatching, fold-only lines', () => {
  const lines = [
    ...corpusLines(),
    ...generateBenchConversations(200, 42).flatMap((c) => c.messages.map((m) => m.text)),
    ...randomLines(5000),
  ];

  it.each([1, 2] as MatchEdition[])('edition %i: same text and spans as the full passes', (edition) => {
    let shortcut = 0;
    for (const line of lines) {
      const fast = normalizeForMatching(line, edition);
      const full = normalizeByPasses(line, edition);
      expect(fast.text).toBe(full.text);
      if (fast.origin === null && fast.text !== line) shortcut += 1;
      for (let start = 0; start < fast.text.length; start += 3) {
        const end = Math.min(fast.text.length, start + 4);
        expect(toOriginalSpan(fast, start, end)).toEqual(toOriginalSpan(full, start, end));
      }
    }
    // The shortcut must carry most chat lines, or it is not worth having.
    expect(shortcut).toBeGreaterThan(lines.length / 4);
  });

  // Lines with a character that starts a variant: fold-only when no variant occurs in the folded
  // line, through the passes when one does (also inside a Latin word, which the passes refuse).
  const variantLines: [string, boolean][] = [
    ['好的，谢谢', true],
    ['支付失败可能是网络问题，建议您稍后重试', true],
    ['退款多久能到账', true],
    ['好平返现哦', false],
    ['好ＰＩＮ返现', false],
    ['加我ＶＸ详聊', false],
    ['加我VX详聊', false],
    ['hpv疫苗', false],
    ['wxyz，多少变', false],
    ['神马情况', false],
  ];
  it.each([1, 2] as MatchEdition[])('edition %i: lines that only start a variant stay on the shortcut', (edition) => {
    for (const [line, foldOnly] of variantLines) {
      const fast = normalizeForMatching(line, edition);
      const full = normalizeByPasses(line, edition);
      expect(fast.text).toBe(full.text);
      for (let start = 0; start < fast.text.length; start++) {
        const end = Math.min(fast.text.length, start + 2);
        expect(toOriginalSpan(fast, start, end)).toEqual(toOriginalSpan(full, start, end));
      }
      if (foldOnly) expect(fast.origin).toBeNull();
      else if (edition === 2 || line !== '神马情况') expect(fast.origin).not.toBeNull();
    }
  });
});
