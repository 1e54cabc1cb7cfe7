import { z } from 'zod';
import { compileScorecard, scoreConversation } from '@core/scoring/scoring.engine';
import { DEFAULT_OPERATORS, createRegistry } from '@core/scoring/operators/operator.registry';
import { defineOperator, NOT_HELD, unknown, type OperatorDefinition } from '@core/scoring/operators/operator.types';
import type { Condition } from '@core/scoring/scorecard.schema';
import type { Outcome } from '@core/scoring/scoring.types';
import { agent, conversation, customer, rule, scorecard } from './support/factories';

/**
 * Probe operators answer what their parameters say and log each evaluation, so a test can see
 * which parts of a condition ran. `cheap` and `dear` differ only in their declared cost.
 */
const calls: string[] = [];
const probeParams = z
  .object({ name: z.string(), answer: z.enum(['held', 'not', 'unknown']), at: z.number().int().optional() })
  .strict();

function probe(name: 'cheap' | 'dear', cost: number) {
  return defineOperator({
    name,
    label: name,
    cost,
    params: probeParams,
    prepare: (p) => p,
    evaluate(_ctx, p): Outcome {
      calls.push(p.name);
      if (p.answer === 'not') return NOT_HELD;
      if (p.answer === 'unknown') return unknown(`${p.name} 无法判定`);
      return { held: true, evidence: [{ messageIndex: p.at ?? 0, span: null, note: p.name }] };
    },
  });
}

const registry = createRegistry([
  ...DEFAULT_OPERATORS.values(),
  probe('cheap', 1),
  probe('dear', 100),
] as unknown as OperatorDefinition<never, never>[]);

const cheap = (name: string, answer: 'held' | 'not' | 'unknown', at?: number): Condition => ({
  op: 'cheap',
  params: { name, answer, ...(at === undefined ? {} : { at }) },
});
const dear = (name: string, answer: 'held' | 'not' | 'unknown', at?: number): Condition => ({
  op: 'dear',
  params: { name, answer, ...(at === undefined ? {} : { at }) },
});

const conv = conversation([customer(0, '在吗'), agent(5, '您好'), customer(9, '好的'), agent(12, '再见')]);

/** Scores `when` as a per-occurrence rule (one hit per finding) or a per-session one. */
function run(when: Condition, per: 'occurrence' | 'session' = 'occurrence') {
  calls.length = 0;
  const result = scoreConversation(compileScorecard(scorecard([rule('r', when, { points: -1, per })]), registry), conv);
  return { result, calls: [...calls], notes: result.hits.map((h) => h.reason.replace('规则r：', '')) };
}

describe('all', () => {
  it('runs the cheaper part first and stops at a part that does not hold', () => {
    const r = run({ all: [dear('d', 'held'), cheap('c', 'not')] });
    expect(r.calls).toEqual(['c']);
    expect(r.result.hits).toEqual([]);
  });

  it('does not hold when any part does not hold, whatever the others answer', () => {
    expect(run({ all: [dear('d', 'unknown'), cheap('c', 'not')] }).result.hits).toEqual([]);
    expect(run({ all: [cheap('c', 'unknown'), dear('d', 'not')] }).result.skipped).toBeUndefined();
  });

  it('joins the evidence in written order, not in the order the parts ran', () => {
    // A per-session hit gives its notes in evidence order.
    const r = run({ all: [dear('d', 'held', 1), cheap('c', 'held', 1)] }, 'session');
    expect(r.calls).toEqual(['c', 'd']);
    expect(r.notes).toEqual(['d；c']);
  });

  it('is unknown for the first unknown part as written', () => {
    const r = run({ all: [dear('d', 'unknown'), cheap('c', 'unknown')] });
    expect(r.calls).toEqual(['c', 'd']);
    expect(r.result.skipped).toEqual([{ ruleId: 'r', ruleVersion: 1, reason: 'd 无法判定' }]);
  });

  it('keeps written order between parts of equal cost', () => {
    expect(run({ all: [cheap('a', 'held'), cheap('b', 'held')] }).calls).toEqual(['a', 'b']);
  });

  it('nested conditions keep their own parts apart', () => {
    const r = run(
      {
        all: [
          dear('outer', 'held', 0),
          { all: [dear('inner-d', 'held', 2), cheap('inner-c', 'held', 1)] },
          { any: [cheap('x', 'not'), cheap('y', 'held', 3)] },
        ],
      },
      'session',
    );
    // Costs: the any 2, outer 100, the inner all 101.
    expect(r.calls).toEqual(['x', 'y', 'outer', 'inner-c', 'inner-d']);
    expect(r.notes).toEqual(['outer；inner-d；inner-c 等 4 处']);
  });
});

describe('any', () => {
  it('runs every part, so a hit lists all of its evidence', () => {
    const r = run({ any: [dear('d', 'held', 2), cheap('c', 'held', 1)] });
    expect(r.calls).toEqual(['d', 'c']);
    expect(r.notes).toEqual(['c', 'd']);
    expect(run({ any: [dear('d', 'held', 2), cheap('c', 'held', 2)] }, 'session').notes).toEqual(['d；c']);
  });

  it('holds when one part holds even if another is unknown; unknown when none holds', () => {
    expect(run({ any: [cheap('u', 'unknown'), cheap('h', 'held')] }).notes).toEqual(['h']);
    expect(run({ any: [cheap('u', 'unknown'), cheap('n', 'not')] }).result.skipped?.[0].reason).toBe('u 无法判定');
  });

  it('under not, stops at the first part that holds, cheapest first', () => {
    const r = run({ not: { any: [dear('d', 'held'), cheap('c', 'held')] } });
    expect(r.calls).toEqual(['c']);
    expect(r.result.hits).toEqual([]);
  });

  it('under not, with no part holding, stays unknown for the first unknown part as written', () => {
    const r = run({ not: { any: [dear('d', 'unknown'), cheap('c', 'unknown'), cheap('n', 'not')] } });
    expect(r.result.skipped?.[0].reason).toBe('d 无法判定');
  });
});

describe('not', () => {
  it('holds without evidence when its part does not hold, and passes unknown through', () => {
    const held = run({ not: cheap('n', 'not') });
    expect(held.result.hits).toHaveLength(1);
    expect(held.result.hits[0].messageIndex).toBeNull();
    expect(run({ not: cheap('u', 'unknown') }).result.skipped?.[0].reason).toBe('u 无法判定');
  });
});

describe('the match table', () => {
  it('keeps every match when one keyword group has more than fit at first', () => {
    // 100 findings of one word (the table starts with 32 rows per group and grows).
    const text = Array.from({ length: 100 }, (_, i) => `第${i}次保证`).join('，');
    const card = compileScorecard(
      scorecard([
        rule(
          'promise',
          { op: 'keywords', params: { words: ['保证'], role: 'agent' } },
          { points: -1, per: 'occurrence', cap: 5 },
        ),
        rule(
          'both',
          { op: 'keywords', params: { words: ['保证', '次'], role: 'agent' } },
          { points: -1, per: 'occurrence', cap: 5 },
        ),
      ]),
    );
    const long = conversation([customer(0, '在吗'), agent(5, text)]);
    const r = scoreConversation(card, long);
    const promise = r.hits.filter((h) => h.ruleId === 'promise');
    expect(promise).toHaveLength(100);
    expect(promise.map((h) => h.span![0])).toEqual([...text.matchAll(/保证/g)].map((m) => m.index));
    expect(r.hits.filter((h) => h.ruleId === 'both')).toHaveLength(200);
    // The next conversation is scored with the grown table and is unaffected by the last.
    const short = scoreConversation(card, conversation([agent(0, '我保证')]));
    expect(short.hits.map((h) => [h.ruleId, h.span])).toEqual([
      ['both', [1, 3]],
      ['promise', [1, 3]],
    ]);
  });
});
