/**
 * Issue 16 remainder and issue 14 gaps on the real router and store: reviewers' praise saved by
 * a review and shown to that agent only (agent/strengths), bonus hits beside it; a deactivated
 * agent is not offered or accepted as a transfer colleague and gets no notices or rectifications;
 * an unused invite can be revoked, a used one cannot.
 */
import { callApi, resetStore, runSweep, TEAM } from './harness';

const DAY = 86_400_000;
import { agentMessage, alertsInStore, customerSays, data, inStore, openSessionOf, putDoc } from './alerts.support';
import { scoredSession } from './inspection.support';
import type { Strengths } from '../../cloudfunctions/core/inspection/strengths';
import type { StoredReview } from '../../cloudfunctions/core/inspection/review.model';
import type { Notice } from '../../cloudfunctions/core/model';
import { DEFAULT_SCORECARD } from '../../cloudfunctions/core/scoring';
import type { Scorecard } from '../../cloudfunctions/core/scoring/scorecard.schema';
import { forgetInstanceCaches } from '../../cloudfunctions/common/instance.cache';

beforeEach(async () => {
  await resetStore();
  // A colleague in the same team as kf001 (agent-1).
  await putDoc('users', 'agent-3', { role: 'agent', name: '李想', team: TEAM, agentId: 'kf002' });
});

const refused = (r: unknown) => r as { ok: false; code: string };
const strengths = async (openid: string, extra: object = {}) =>
  data<Strengths>(await callApi(openid, { action: 'agent/strengths', ...extra }));

/** insp-1 reviews a scored kf001 session: one praise (with a phone number in it), one fault note; submitted. */
async function praisedReview(
  existing?: Awaited<ReturnType<typeof scoredSession>>,
): Promise<{ sessionId: string; review: StoredReview }> {
  const s = existing ?? (await scoredSession('kf001'));
  const { review: draft } = data<{ review: StoredReview }>(
    await callApi('insp-1', { action: 'reviews/open', sessionId: s.session._id }),
  );
  data(
    await callApi('insp-1', {
      action: 'reviews/annotate',
      reviewId: draft._id,
      messageIndex: 2,
      span: null,
      note: '客户留了13812345678，主动回电安抚',
      tone: 'praise',
      label: '安抚到位',
    }),
  );
  data(
    await callApi('insp-1', {
      action: 'reviews/annotate',
      reviewId: draft._id,
      messageIndex: 1,
      span: null,
      note: '态度生硬',
      problemType: '服务态度',
    }),
  );
  const { review } = data<{ review: StoredReview }>(
    await callApi('insp-1', { action: 'reviews/submit', reviewId: draft._id }),
  );
  return { sessionId: s.session._id, review };
}

describe('praise in a review and the agent’s strengths', () => {
  it('saves praise masked, shows it to that agent with the message to open, and tells them', async () => {
    const { sessionId, review } = await praisedReview();
    const praise = review.annotations.find((a) => a.tone === 'praise');
    expect(praise).toMatchObject({ label: '安抚到位', messageIndex: 2 });
    expect(praise?.note).not.toContain('13812345678');

    const mine = await strengths('agent-1');
    expect(mine.counts).toEqual({ praise: 1, bonus: 0, sessions: 1 });
    expect(mine.items).toEqual([
      expect.objectContaining({ kind: 'praise', sessionId, messageIndex: 2, title: '安抚到位', reviewId: review._id }),
    ]);
    expect(JSON.stringify(mine)).not.toContain('13812345678');
    // The fault note is not a strength.
    expect(JSON.stringify(mine)).not.toContain('态度生硬');
    expect(mine.byLabel).toEqual([{ key: '安抚到位', name: '安抚到位', count: 1 }]);

    const [notice] = await inStore<Notice>('notices', { to: 'agent-1', kind: 'review' });
    expect(notice.text).toContain('表扬 1 处');
  });

  it('is not shown to a colleague; a supervisor reads their team’s agent only', async () => {
    await praisedReview();
    expect((await strengths('agent-3')).items).toEqual([]);
    expect(refused(await callApi('agent-3', { action: 'agent/strengths', agentId: 'kf001' })).code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect((await strengths('sup-1', { agentId: 'kf001' })).counts.praise).toBe(1);
    expect(refused(await callApi('sup-2', { action: 'agent/strengths', agentId: 'kf001' })).code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(refused(await callApi('sup-1', { action: 'agent/strengths' })).code).toBe('INPUT.INVALID');
  });

  it('lists a bonus hit of the agent’s score beside the praise; another agent’s stays out', async () => {
    const now = Date.now();
    const bonus = {
      ruleId: 'proactive-follow-up',
      ruleVersion: 1,
      ruleName: '主动跟进',
      messageIndex: 3,
      span: null,
      excerpt: '我明天再给您回个电话',
      points: 5,
      reason: '主动跟进：约定回访',
    };
    for (const [id, agentId] of [
      ['sess-b1', 'kf001'],
      ['sess-b2', 'kf002'],
    ]) {
      await putDoc('scores', `${id}_card_v1`, {
        sessionId: id,
        agentId,
        team: TEAM,
        scoredAt: now - 3600_000,
        hits: [bonus],
      });
    }
    const mine = await strengths('agent-1');
    expect(mine.items).toEqual([
      expect.objectContaining({ kind: 'bonus', sessionId: 'sess-b1', title: '主动跟进', points: 5, messageIndex: 3 }),
    ]);
    expect(mine.byRule).toEqual([{ key: 'proactive-follow-up', name: '主动跟进', count: 1 }]);
  });

  it('does not count praise as a fault in the training profile', async () => {
    const s = await scoredSession('kf001');
    const profile = async () =>
      data<{ rules: { ruleId: string; failures: number }[] }>(
        await callApi('sup-1', { action: 'training/profile', agentId: 'kf001' }),
      ).rules.map((r) => [r.ruleId, r.failures]);
    const before = await profile();
    expect(before.length).toBeGreaterThan(0);
    await praisedReview(s);
    expect(await profile()).toEqual(before);
  });
});

/**
 * The default card published again with one bonus rule (+5 on the words the fixture session's
 * agent uses), so sessions scored from now on carry a machine bonus hit, and a reviewer can add
 * one: the real scoring and review paths, not stored results.
 */
async function publishBonusCard(): Promise<void> {
  const card = JSON.parse(JSON.stringify(DEFAULT_SCORECARD)) as Scorecard;
  const rude = card.sections.flatMap((x) => x.rules).find((r) => r.id === 'rude-language');
  if (!rude) throw new Error('the default card has no rude-language rule');
  const { critical: _critical, ...plain } = rude;
  card.version += 1;
  card.sections[0].rules.push({ ...plain, id: 'bonus-test', name: '加分测试', points: 5, per: 'session' });
  await putDoc('scorecards', `${card.id}@${card.version}`, card as unknown as Record<string, unknown>);
  forgetInstanceCaches();
}

describe('bonus rules', () => {
  it('machine and reviewer-added bonus hits are strengths, never failures in the training profile', async () => {
    await publishBonusCard();
    const s = await scoredSession('kf001');
    expect(s.score.hits.find((h) => h.ruleId === 'bonus-test')?.points).toBe(5);
    const profile = async () =>
      data<{ rules: { ruleId: string; failures: number }[] }>(
        await callApi('sup-1', { action: 'training/profile', agentId: 'kf001' }),
      ).rules.map((r) => [r.ruleId, r.failures]);
    const before = await profile();
    expect(before.map(([id]) => id)).not.toContain('bonus-test');

    const { review: draft } = data<{ review: StoredReview }>(
      await callApi('insp-1', { action: 'reviews/open', sessionId: s.session._id }),
    );
    data(
      await callApi('insp-1', {
        action: 'reviews/addHit',
        reviewId: draft._id,
        ruleId: 'bonus-test',
        messageIndex: 0,
        span: null,
        note: '人工加分',
      }),
    );
    data(await callApi('insp-1', { action: 'reviews/submit', reviewId: draft._id }));
    expect(await profile()).toEqual(before);

    const mine = await strengths('agent-1');
    expect(mine.items.filter((i) => i.kind === 'bonus').map((i) => [i.title, i.byReviewer ?? false])).toEqual([
      ['加分测试', true],
      ['加分测试', false],
    ]);
    expect(mine.byRule).toEqual([{ key: 'bonus-test', name: '加分测试', count: 2 }]);
  });
});

/** A session kf001 answered once, whose customer then wrote again. */
async function openSessionOfKf001(customer: string): Promise<string> {
  const now = Date.now();
  await customerSays('你好，请问发货了吗', { customer, at: now - 120_000 });
  await agentMessage('您好，正在为您查询', { customer, agentId: 'kf001', at: now - 90_000 });
  await customerSays('查到了吗？', { customer, at: now - 60_000 });
  return openSessionOf(customer);
}

describe('a deactivated agent (issue 14 gap)', () => {
  it('is not offered as a transfer colleague, and a transfer to them is refused', async () => {
    const id = await openSessionOfKf001('oDeact');
    data(await callApi('admin-1', { action: 'users/deactivate', userId: 'agent-3' }));
    const view = data<{ colleagues: unknown[] }>(await callApi('agent-1', { action: 'desk/get', sessionId: id }));
    expect(view.colleagues).toEqual([]);
    for (const caller of ['agent-1', 'sup-1']) {
      expect(
        refused(await callApi(caller, { action: 'sessions/transfer', sessionId: id, toAgentId: 'kf002' })).code,
      ).toBe('AGENT.DEACTIVATED');
    }
    expect(await inStore('notices', { to: 'agent-3' })).toEqual([]);
    data(await callApi('admin-1', { action: 'users/reactivate', userId: 'agent-3' }));
    data(await callApi('agent-1', { action: 'sessions/transfer', sessionId: id, toAgentId: 'kf002' }));
  });

  it('gets no hand-written rectification (refused), no automatic one and no review notice (skipped)', async () => {
    // Deactivated first: the red-line notice scoring would issue is skipped too.
    data(await callApi('admin-1', { action: 'users/deactivate', userId: 'agent-1' }));
    const s = await scoredSession('kf001');
    expect(s.score.hits.some((h) => h.redLine)).toBe(true);
    expect(
      refused(
        await callApi('sup-1', {
          action: 'rectifications/create',
          sessionId: s.session._id,
          problem: '态度生硬',
          requirement: '复盘并改正',
        }),
      ).code,
    ).toBe('AGENT.DEACTIVATED');
    const { review } = data<{ review: StoredReview }>(
      await callApi('insp-1', { action: 'reviews/open', sessionId: s.session._id }),
    );
    const submitted = data<{ review: StoredReview }>(
      await callApi('insp-1', { action: 'reviews/submit', reviewId: review._id, rectify: true }),
    ).review;
    expect(submitted.status).toBe('submitted');
    expect(await inStore('rectifications', {})).toEqual([]);
    expect(await inStore('notices', { to: 'agent-1' })).toEqual([]);
  });
});

describe('a deactivated agent and the rectification timer (issue 14 gap)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('an open notice issued before the deactivation: no reminder to them, still escalated at the deadline', async () => {
    const T0 = Date.now();
    const at = (t: number) => jest.spyOn(Date, 'now').mockReturnValue(t);
    at(T0);
    const sessionId = await openSessionOfKf001('oTimer');
    const { rectification: r } = data<{ rectification: { _id: string } }>(
      await callApi('sup-1', {
        action: 'rectifications/create',
        sessionId,
        problem: '回复慢',
        requirement: '三分钟内回复',
        deadlineDays: 3,
      }),
    );
    data(await callApi('admin-1', { action: 'users/deactivate', userId: 'agent-1' }));
    const before = (await inStore<Notice>('notices', { to: 'agent-1' })).length;
    at(T0 + 2 * DAY + 3600_000);
    await runSweep();
    const [reminded] = await inStore<{ remindedAt?: number }>('rectifications', { _id: r._id });
    expect(reminded.remindedAt).toBe(T0 + 2 * DAY + 3600_000);
    expect(await inStore('notices', { to: 'agent-1' })).toHaveLength(before);
    at(T0 + 3 * DAY + 60_000);
    await runSweep();
    expect(await inStore('notices', { to: 'sup-1', rectificationId: r._id })).toEqual([
      expect.objectContaining({ title: '整改逾期：客服 kf001' }),
    ]);
  });
});

describe('a deactivated agent and alerts/notifyAgent (issue 14 gap)', () => {
  it('a supervisor’s notice to them is refused with AGENT.DEACTIVATED and nothing is stored', async () => {
    await customerSays('在吗', { customer: 'oNotify' });
    data(
      await callApi('agent-1', {
        action: 'messages/reply',
        sessionId: await openSessionOf('oNotify'),
        text: '爱买不买',
        confirmRedLine: true,
      }),
    );
    const [alert] = await alertsInStore();
    data(await callApi('admin-1', { action: 'users/deactivate', userId: 'agent-1' }));
    expect(
      refused(await callApi('sup-1', { action: 'alerts/notifyAgent', alertId: alert._id, text: '请注意服务用语' }))
        .code,
    ).toBe('AGENT.DEACTIVATED');
    expect(await inStore('notices', { to: 'agent-1', kind: 'alert' })).toEqual([]);
  });
});

describe('invites/revoke (issue 14 gap)', () => {
  const create = async () =>
    data<{ invite: { _id: string }; code: string }>(
      await callApi('admin-1', { action: 'invites/create', role: 'inspector', name: '新质检员' }),
    );

  it('an unused invite stops working; it cannot be revoked twice; audited', async () => {
    const { invite, code } = await create();
    const { invite: revoked } = data<{ invite: { state: string } }>(
      await callApi('admin-1', { action: 'invites/revoke', inviteId: invite._id }),
    );
    expect(revoked.state).toBe('revoked');
    expect(refused(await callApi('o-newcomer', { action: 'invites/redeem', code })).code).toBe('INVITE.REVOKED');
    expect(await inStore('users', { _id: 'o-newcomer' })).toEqual([]);
    expect(refused(await callApi('admin-1', { action: 'invites/revoke', inviteId: invite._id })).code).toBe(
      'INVITE.REVOKED',
    );
    const listed = data<{ items: { _id: string; state: string }[] }>(
      await callApi('admin-1', { action: 'invites/list' }),
    );
    expect(listed.items.find((i) => i._id === invite._id)?.state).toBe('revoked');
    const entries = await inStore('auditLog', { entity: 'invite', action: 'revoke' });
    expect(entries).toEqual([
      expect.objectContaining({
        by: 'admin-1',
        before: { state: 'open' },
        after: expect.objectContaining({ state: 'revoked' }),
      }),
    ]);
  });

  it('a used invite cannot be revoked; an unknown one is INVITE.NOT_FOUND', async () => {
    const { invite, code } = await create();
    data(await callApi('o-newcomer', { action: 'invites/redeem', code }));
    expect(refused(await callApi('admin-1', { action: 'invites/revoke', inviteId: invite._id })).code).toBe(
      'INVITE.USED',
    );
    expect(refused(await callApi('admin-1', { action: 'invites/revoke', inviteId: 'inv_nope' })).code).toBe(
      'INVITE.NOT_FOUND',
    );
  });
});
