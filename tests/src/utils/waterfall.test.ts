import { buildWaterfall, ruleNameOf } from '../../../src/utils/waterfall';
import { makeHit } from '../support/factories';

const section = (id: string, score: number, max: number) => ({ id, name: id, score, max });

describe('buildWaterfall', () => {
  test('runs from full marks through each hit, in order, to the total', () => {
    const { steps } = buildWaterfall({
      total: 85,
      sections: [section('a', 45, 50), section('b', 40, 50)],
      hits: [
        makeHit({ ruleId: 'greeting', ruleName: '首句未问候', points: -5, reason: '首句未问候' }),
        makeHit({ ruleId: 'slow', ruleName: '回复超时', points: -15, reason: '回复超时：回复 90 秒' }),
        makeHit({ ruleId: 'resolved', ruleName: '问题已解决', points: 5, reason: '问题已解决' }),
      ],
    });
    expect(steps.map((s) => [s.kind, s.label, s.detail, s.start, s.end])).toEqual([
      ['base', '满分', undefined, 0, 100],
      ['deduction', '首句未问候', '首句未问候', 100, 95],
      ['deduction', '回复超时', '回复超时：回复 90 秒', 95, 80],
      ['bonus', '问题已解决', '问题已解决', 80, 85],
      ['total', '总分', undefined, 0, 85],
    ]);
  });

  test('takes the full marks from the sections’ maxima', () => {
    const { steps } = buildWaterfall({ total: 30, sections: [section('a', 20, 20), section('b', 10, 10)], hits: [] });
    expect(steps[0]).toMatchObject({ kind: 'base', end: 30 });
  });

  test('adds an explicit adjustment when clamping or a red line makes the hits disagree with the total', () => {
    const { steps } = buildWaterfall({
      total: 50,
      sections: [section('a', 0, 50), section('b', 50, 50)],
      hits: [makeHit({ ruleId: 'abuse', points: -20, redLine: true, reason: '服务态度恶劣：辱骂' })],
    });
    const adjustment = steps.find((s) => s.kind === 'adjustment');
    expect(adjustment).toMatchObject({ label: '红线清零', start: 80, end: 50, points: -30, redLine: true });
    expect(steps[steps.length - 1]).toMatchObject({ kind: 'total', end: 50 });
  });

  test('marks red-line hits and keeps them even when they moved no points', () => {
    const { steps } = buildWaterfall({
      total: 100,
      hits: [
        makeHit({ ruleId: 'capped', points: 0, reason: '已封顶' }),
        makeHit({ ruleId: 'pii', points: 0, redLine: true, reason: '泄露客户隐私' }),
      ],
    });
    expect(steps.filter((s) => s.ruleId).map((s) => [s.ruleId, s.redLine])).toEqual([['pii', true]]);
  });

  test('places bars on one axis from the lowest to the highest value', () => {
    const { steps, min, max } = buildWaterfall({ total: 60, hits: [makeHit({ points: -40 })] });
    expect([min, max]).toEqual([0, 100]);
    expect(steps[1]).toMatchObject({ offsetPct: 60, widthPct: 40 });
    expect(steps[2]).toMatchObject({ kind: 'total', offsetPct: 0, widthPct: 60 });
  });

  test('keeps the message each hit points to', () => {
    const { steps } = buildWaterfall({
      total: 85,
      hits: [makeHit({ messageIndex: 3, points: -10 }), makeHit({ messageIndex: null, points: -5 })],
    });
    expect(steps.slice(1, 3).map((s) => s.messageIndex)).toEqual([3, null]);
  });
});

describe('ruleNameOf', () => {
  test('is the name the hit carries, whatever its reason says', () => {
    expect(ruleNameOf({ ruleName: '时效：首次响应', ruleId: 'slow' })).toBe('时效：首次响应');
    expect(ruleNameOf({ ruleName: '回复超时', ruleId: 'slow' })).toBe('回复超时');
  });

  test('is the rule id for a hit stored before hits named their rule', () => {
    expect(ruleNameOf({ ruleId: 'slow' })).toBe('slow');
  });
});

describe('buildWaterfall labels', () => {
  test('label a hit by its rule name, not by the text before a colon in its reason', () => {
    const { steps } = buildWaterfall({
      total: 90,
      hits: [
        makeHit({ ruleId: 'slow', ruleName: '时效：首次响应', points: -10, reason: '时效：首次响应：首次响应 95 秒' }),
      ],
    });
    expect(steps[1]).toMatchObject({ label: '时效：首次响应', detail: '时效：首次响应：首次响应 95 秒' });
  });
});
