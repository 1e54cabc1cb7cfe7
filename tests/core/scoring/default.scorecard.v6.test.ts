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

describe('default scorecard version 6 (v5 read by act model r4, and what changed after it shipped)', () => {
  it('is the default in force, shipped after versions 1-5, reading acts by r4', () => {
    expect(DEFAULT_SCORECARD).toBe(DEFAULT_SCORECARD_V6);
    expect(DEFAULT_SCORECARD_V6).toMatchObject({ id: 'default', version: 6, text: { normalize: 2, acts: 'r4' } });
    expect(SHIPPED_DEFAULT_SCORECARDS.map((c) => c.version)).toEqual([1, 2, 3, 4, 5, 6]);
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

  it('no-apology-on-complaint: a complaint read at 0.6-0.8 is owed an apology in v6, not in v5', () => {
    const facts = scriptedActs({ 书缺页了: ['complaint'] }, 0.7);
    const unanswered = conversation([
      customer(0, '书缺页了'),
      agent(10, '您好，拍个照我看下'),
      customer(20, '好'),
      agent(30, '给您补发，感谢您'),
    ]);
    expect(hits(v6, unanswered, facts)).toContain('no-apology-on-complaint');
    expect(hits(v5, unanswered, facts)).not.toContain('no-apology-on-complaint');
    expect(hits(v6, unanswered, scriptedActs({ 书缺页了: ['complaint'] }, 0.55))).not.toContain(
      'no-apology-on-complaint',
    );
  });

  it('customer-negative: a last turn the classifier reads unhappy at 0.3-0.5 counts in v6', () => {
    const facts = scriptedActs({ 垃圾: ['anger'] }, 0.45);
    const ending = conversation([
      customer(0, '运费谁出'),
      agent(10, '您好，运费您先垫付'),
      customer(20, '垃圾'),
      agent(30, '感谢您'),
    ]);
    expect(hits(v6, ending, facts)).toContain('customer-negative');
    expect(hits(v5, ending, facts)).not.toContain('customer-negative');
    expect(hits(v6, ending, scriptedActs({ 垃圾: ['anger'] }, 0.25))).not.toContain('customer-negative');
  });
});
