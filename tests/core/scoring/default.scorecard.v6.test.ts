import { DEFAULT_SCORECARD_V5 } from '@core/scoring/default.scorecard.v5';
import { DEFAULT_SCORECARD_V6 } from '@core/scoring/default.scorecard.v6';
import { compileScorecard, DEFAULT_SCORECARD, SHIPPED_DEFAULT_SCORECARDS } from '@core/scoring';
import { agent, conversation, customer } from './support/factories';
import { ruleIdsHit as hits, scriptedActs } from './support/scorecard.versions';

const v5 = compileScorecard(DEFAULT_SCORECARD_V5);
const v6 = compileScorecard(DEFAULT_SCORECARD_V6);

/** The rule of a version by id, with its one condition's params. */
const paramsOf = (card: typeof DEFAULT_SCORECARD_V6, id: string) => {
  const when = card.sections.flatMap((s) => s.rules).find((r) => r.id === id)!.when;
  return 'op' in when ? (when.params as Record<string, unknown>) : {};
};

describe("default scorecard version 6 (v5 read by act model r4, the act rules' bars set for it)", () => {
  it('shipped after versions 1-5, reading acts by r4 (version 7 replaced it as the default)', () => {
    expect(DEFAULT_SCORECARD).not.toBe(DEFAULT_SCORECARD_V6);
    expect(DEFAULT_SCORECARD_V6).toMatchObject({ id: 'default', version: 6, text: { normalize: 2, acts: 'r4' } });
    expect(SHIPPED_DEFAULT_SCORECARDS.slice(0, 6).map((c) => c.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(SHIPPED_DEFAULT_SCORECARDS[5]).toBe(DEFAULT_SCORECARD_V6);
    expect(DEFAULT_SCORECARD_V6.sections.flatMap((s) => s.rules).map((r) => r.id)).toEqual(
      DEFAULT_SCORECARD_V5.sections.flatMap((s) => s.rules).map((r) => r.id),
    );
  });

  it('changes only the act rules, and in them only their confidence bars', () => {
    const rules = (card: typeof DEFAULT_SCORECARD_V6) => card.sections.flatMap((s) => s.rules);
    const changed = rules(DEFAULT_SCORECARD_V6)
      .filter((r, i) => JSON.stringify(r) !== JSON.stringify(rules(DEFAULT_SCORECARD_V5)[i]))
      .map((r) => r.id);
    expect(changed.sort()).toEqual(['customer-negative', 'no-apology-on-complaint']);
    for (const id of changed) {
      const { minConfidence: _v6, ...rest6 } = paramsOf(DEFAULT_SCORECARD_V6, id);
      const { minConfidence: _v5, ...rest5 } = paramsOf(DEFAULT_SCORECARD_V5, id);
      expect(rest6).toEqual(rest5);
    }
  });

  it.each([
    {
      rule: 'no-apology-on-complaint',
      line: '书缺页了',
      act: 'complaint',
      owed: 0.7, // between v6's bar (0.6) and v5's (0.8)
      below: 0.55,
      turns: ['书缺页了', '您好，拍个照我看下', '好', '给您补发，感谢您'],
    },
    {
      rule: 'customer-negative',
      line: '垃圾',
      act: 'anger',
      owed: 0.45, // between v6's bar (0.3) and v5's (0.5)
      below: 0.25,
      turns: ['运费谁出', '您好，运费您先垫付', '垃圾', '感谢您'],
    },
  ])(
    '$rule: a turn read $act at $owed counts in v6, not in v5; at $below in neither',
    ({ rule, line, act, owed, below, turns }) => {
      const conv = conversation(turns.map((t, i) => (i % 2 === 0 ? customer : agent)(i * 10, t)));
      const at = (p: number) => scriptedActs({ [line]: [act] }, p);
      expect(hits(v6, conv, at(owed))).toContain(rule);
      expect(hits(v5, conv, at(owed))).not.toContain(rule);
      expect(hits(v6, conv, at(below))).not.toContain(rule);
    },
  );
});
