import { parseScorecard, type Scorecard, type ScorecardInput } from '@core/scoring/scorecard.schema';
import { selectScorecard } from '@core/scoring/scorecard.select';
import { scorecard } from './support/factories';

function card(id: string, scope: ScorecardInput['scope'], extra: Partial<ScorecardInput> = {}): Scorecard {
  return parseScorecard(scorecard([], { id, scope, ...extra }));
}

describe('selectScorecard', () => {
  const general = card('general', {});
  const wecom = card('wecom', { channels: ['wecom-kf'] });
  const refunds = card('refunds', { issueTypes: ['refund'] });
  const wecomRefunds = card('wecom-refunds', { channels: ['wecom-kf'], issueTypes: ['refund'] });
  const all = [general, wecom, refunds, wecomRefunds];

  it('picks the most specific scorecard in scope', () => {
    expect(selectScorecard(all, { channel: 'wecom-kf', issueType: 'refund' }).id).toBe('wecom-refunds');
    expect(selectScorecard(all, { channel: 'mp-kf', issueType: 'refund' }).id).toBe('refunds');
    expect(selectScorecard(all, { channel: 'wecom-kf', issueType: 'logistics' }).id).toBe('wecom');
    expect(selectScorecard(all, { channel: 'mp-kf' }).id).toBe('general');
  });

  it('does not depend on the order of the list', () => {
    expect(selectScorecard([...all].reverse(), { channel: 'wecom-kf', issueType: 'refund' }).id).toBe('wecom-refunds');
  });

  it('uses the latest published version and never a draft', () => {
    const v2 = card('general', {}, { version: 2 });
    const draft = card('general', {}, { version: 3, status: 'draft' });
    expect(selectScorecard([general, draft, v2], {}).version).toBe(2);
  });

  it('a scoped scorecard never applies when the conversation lacks that attribute', () => {
    expect(selectScorecard([general, refunds], { channel: 'mp-kf' }).id).toBe('general');
  });

  it('throws SCORECARD.NOT_FOUND when nothing applies', () => {
    expect(() => selectScorecard([refunds], { issueType: 'logistics' })).toThrow(
      expect.objectContaining({ code: 'SCORECARD.NOT_FOUND' }),
    );
  });

  describe('with a stored precedence', () => {
    const fallback = card('default', {});
    const zGeneral = card('zz-general', {});

    it('without one, an unscoped card sorting after another is silently never chosen (the old rule)', () => {
      expect(selectScorecard([fallback, zGeneral], { channel: 'mp-kf' }).id).toBe('default');
      expect(selectScorecard([fallback, zGeneral], { channel: 'mp-kf' }, null).id).toBe('default');
    });

    it('applies the chosen default where no scoped card does', () => {
      const p = { order: [], defaultId: 'zz-general' };
      expect(selectScorecard([fallback, zGeneral, refunds], { channel: 'mp-kf' }, p).id).toBe('zz-general');
      // A scoped card still wins inside its scope.
      expect(selectScorecard([fallback, zGeneral, refunds], { issueType: 'refund' }, p).id).toBe('refunds');
    });

    it('ranks overlapping scoped cards by the stored order, unlisted ones after by specificity', () => {
      const p = { order: ['refunds', 'wecom-refunds'], defaultId: 'general' };
      const scope = { channel: 'wecom-kf', issueType: 'refund' };
      expect(selectScorecard(all, scope).id).toBe('wecom-refunds');
      expect(selectScorecard(all, scope, p).id).toBe('refunds');
      expect(selectScorecard(all, scope, { order: ['wecom'], defaultId: 'general' }).id).toBe('wecom');
      expect(selectScorecard(all, scope, { order: [], defaultId: 'general' }).id).toBe('wecom-refunds');
    });

    it('falls back to the old rule when the stored default is gone', () => {
      expect(selectScorecard([fallback, zGeneral], {}, { order: [], defaultId: 'removed' }).id).toBe('default');
    });
  });
});
