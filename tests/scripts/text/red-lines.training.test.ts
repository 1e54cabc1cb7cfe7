/**
 * Training of the red-line model from per-conversation labels (scripts/text/red-lines.training.ts):
 * the turn that crossed the line is found even when no word list hit it, the same cases give the
 * same file, and the corpus loader reads what the word lists hit.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedLineClassifier, redLineFeatures, type RedLineHead } from '@core/text/red-line.model';
import { evaluateTurns } from '../../../scripts/eval/red-line-turns';
import {
  LATEST_RED_LINE_RECIPE,
  informalVariant,
  loadRedLineCases,
  redLineTrainingCases,
  redLineTurnCases,
  trainedOnLabel,
  trainRedLineModel,
  type RedLineCase,
} from '../../../scripts/text/red-lines.training';

const ORDERS = [1, 2];
let n = 0;
function kase(turns: string[], expected: RedLineHead[] = [], listed: Record<number, RedLineHead[]> = {}): RedLineCase {
  return {
    id: `U-x-${n++}`,
    file: 'x.jsonl',
    writer: 'w1',
    expected: new Set(expected),
    agentTurns: turns.map((t, i) => ({
      features: redLineFeatures(t, ORDERS),
      text: t,
      listed: new Set(listed[i] ?? []),
    })),
  };
}

/** Calm service turns, and brush-offs in which no list hit anything (the model must find which turn). */
function corpus(): RedLineCase[] {
  const calm = [
    '您好请问有什么可以帮您',
    '已经为您安排发货了',
    '好的亲马上为您查询',
    '感谢您的耐心等待',
    '这边帮您登记一下',
  ];
  const cases: RedLineCase[] = [];
  for (let k = 0; k < 12; k++) cases.push(kase([calm[k % 5], calm[(k + 2) % 5]]));
  for (let k = 0; k < 8; k++) cases.push(kase([calm[k % 5], k % 2 ? '爱买不买随便你' : '不买拉倒爱买不买'], ['rude']));
  return cases;
}
const recipe = { orders: ORDERS, minCount: 2, prune: 0.01 };

describe('trainRedLineModel', () => {
  it('learns the turn that crossed the line from conversation labels alone, not the calm turn beside it', () => {
    const model = createRedLineClassifier(trainRedLineModel(corpus(), recipe));
    expect(model.score('爱买不买').rude).toBeGreaterThan(0.8);
    expect(model.score('已经为您安排发货了').rude).toBeLessThan(0.2);
    expect(model.score('爱买不买')['off-platform']).toBeLessThan(0.5);
  });

  it('gives the same file for the same cases (seeded)', () => {
    expect(JSON.stringify(trainRedLineModel(corpus(), recipe))).toEqual(
      JSON.stringify(trainRedLineModel(corpus(), recipe)),
    );
  });
});

describe('recipe options (l3 reads headL2 and headBiasShift; each off by default)', () => {
  const plain = trainRedLineModel(corpus(), recipe);
  const heads = (file: typeof plain, h: number) => {
    const n = file.features.split('\u0001').length;
    const w = Buffer.from(file.weights, 'base64');
    return Array.from({ length: n }, (_, f) => w.readInt16LE((f * 3 + h) * 2) * file.scale);
  };

  it('options at their defaults give the same file as no options', () => {
    const same = {
      ...recipe,
      headL2: { rude: 1e-5 },
      headBiasShift: {},
    };
    expect(JSON.stringify(trainRedLineModel(corpus(), same))).toEqual(JSON.stringify(plain));
  });

  it('headL2 changes that head’s fit alone', () => {
    const smoother = trainRedLineModel(corpus(), { ...recipe, headL2: { rude: 1e-2 } });
    expect(smoother.bias.slice(1)).toEqual(plain.bias.slice(1));
    expect(smoother.bias[0]).not.toBe(plain.bias[0]);
    expect(heads(smoother, 0)).not.toEqual(heads(plain, 0));
  });

  it('headBiasShift moves that head’s bias and nothing else', () => {
    const shifted = trainRedLineModel(corpus(), { ...recipe, headBiasShift: { rude: 0.81 } });
    expect(shifted.bias[0]).toBeCloseTo(plain.bias[0] + 0.81, 6);
    expect(shifted.bias.slice(1)).toEqual(plain.bias.slice(1));
    expect(shifted.weights).toBe(plain.weights);
  });
});

describe('loadRedLineCases', () => {
  it('reads each conversation’s expected red lines and which agent turns the word lists hit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'red-lines-'));
    try {
      mkdirSync(join(dir, 'tune'));
      const line = (id: string, expect: string[], texts: string[]) =>
        JSON.stringify({
          id,
          channel: 'mp-kf',
          agentId: 'a',
          customerId: 'c',
          messages: texts.map((text, i) => ({
            role: i % 2 ? 'agent' : 'customer',
            at: `2026-10-01T10:00:${String(i * 5).padStart(2, '0')}+08:00`,
            text,
          })),
          expect,
          calm: true,
        });
      writeFileSync(
        join(dir, 'tune', 'w4-a.jsonl'),
        [
          line('U-a-1', ['off-platform-transaction'], ['在吗', '您加我微信私下转账吧']),
          line('U-a-2', [], ['在吗', '您好']),
        ].join('\n'),
      );
      const [first, second] = loadRedLineCases([join(dir, 'tune')]);
      expect(first).toMatchObject({ id: 'U-a-1', writer: 'w4', expected: new Set(['off-platform']) });
      expect(first.agentTurns).toHaveLength(1);
      expect([...first.agentTurns[0].listed]).toEqual(['off-platform']);
      expect(second.expected.size).toBe(0);
      expect([...second.agentTurns[0].listed]).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the shipped model file', () => {
  it('is what scripts/text/train-red-lines.ts makes of today’s tuning half and training corpus (retrain after changing either)', () => {
    const corpus = join(__dirname, '../../../scripts/eval/corpus');
    const made = trainRedLineModel(redLineTrainingCases(corpus), LATEST_RED_LINE_RECIPE, trainedOnLabel(corpus));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shipped = require('@core/text/models/red-lines.json');
    expect(JSON.parse(JSON.stringify(made))).toEqual(shipped);
  });
});

describe('informal negatives and labelled turns', () => {
  it('says a polite turn informally: 您 → 你, the softeners dropped', () => {
    expect(informalVariant('亲，您稍等哦～我帮您查一下呢')).toBe('你稍等我帮你查一下');
    expect(informalVariant('好的')).toBe('好的');
  });

  it('reads labelled agent turns as one-turn cases, with what the word lists hit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'red-line-turns-'));
    try {
      const file = join(dir, 'a.jsonl');
      writeFileSync(
        file,
        [
          JSON.stringify({ id: 'RT-a-001', text: '你稍等，我看一下', labels: [] }),
          JSON.stringify({ id: 'RT-a-002', text: '加我微信私下转账', labels: ['off-platform'] }),
        ].join('\n'),
      );
      const [calm, steer] = redLineTurnCases(file);
      expect(calm).toMatchObject({ id: 'RT-a-001', writer: 'turns-a', expected: new Set() });
      expect(calm.agentTurns[0].informal).toBeUndefined();
      expect(steer.expected).toEqual(new Set(['off-platform']));
      expect([...steer.agentTurns[0].listed]).toEqual(['off-platform']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('evaluateTurns', () => {
  it('counts per red line and the clean turns a judge fails', () => {
    const turns = [
      { id: '1', text: 'x', labels: ['rude'] },
      { id: '2', text: 'y', labels: [] },
      { id: '3', text: 'z', labels: [] },
    ];
    const r = evaluateTurns(turns, (t) => new Set(t.text === 'z' || t.text === 'x' ? ['rude-language'] : []));
    expect(r.perHead.rude).toEqual({ expected: 1, predicted: 2, tp: 1 });
    expect(r).toMatchObject({ clean: 2, cleanFailed: 1, falseIds: ['3'] });
  });
});
