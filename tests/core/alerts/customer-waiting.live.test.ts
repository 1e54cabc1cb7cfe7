import { evaluateLive, evaluateWaiting } from '../../../cloudfunctions/core/alerts/alert.live';
import { DEFAULT_POLICY_SET } from '../../../cloudfunctions/core/alerts/alert.policy-set';
import { msg, policiesWith, session, T0 } from './support/alert.factories';

describe('live: a customer kept waiting without a reply', () => {
  it('raises on a customer message arriving after the limit, pointing at the first unanswered one', () => {
    const messages = [msg('customer', '在吗', T0), msg('customer', '还在吗', T0 + 200_000)];
    const s = session({ waitingSince: T0 });
    const drafts = evaluateLive(s, messages, messages[1], DEFAULT_POLICY_SET, { now: T0 + 200_000 });
    expect(drafts).toEqual([
      expect.objectContaining({ policy: 'customer-waiting', severity: 'high', title: '客户已等待 3 分钟未获回复' }),
    ]);
    expect(drafts[0].evidence[0]).toMatchObject({ messageIndex: 0, excerpt: '在吗' });
  });

  it('stays quiet within the limit', () => {
    const messages = [msg('customer', '在吗', T0), msg('customer', '还在吗', T0 + 60_000)];
    expect(
      evaluateLive(session({ waitingSince: T0 }), messages, messages[1], DEFAULT_POLICY_SET, { now: T0 + 60_000 }),
    ).toEqual([]);
  });

  it('the timer finds open sessions waiting past the limit only', () => {
    const waiting = session({ _id: 'a', waitingSince: T0 });
    const fresh = session({ _id: 'b', waitingSince: T0 + 170_000 });
    const answered = session({ _id: 'c', waitingSince: null });
    const found = evaluateWaiting([waiting, fresh, answered], T0 + 180_000, DEFAULT_POLICY_SET);
    expect(found.map((w) => w.session._id)).toEqual(['a']);
  });

  it('the timer follows the configured number of seconds', () => {
    const set = policiesWith({ id: 'customer-waiting', waitSeconds: 60 });
    expect(evaluateWaiting([session({ waitingSince: T0 })], T0 + 61_000, set)).toHaveLength(1);
  });
});
