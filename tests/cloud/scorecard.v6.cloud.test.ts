/**
 * Scorecard version 6 in the cloud, now that version 9 is the default in force: version 6 stays
 * served as it shipped (the card its stored scores are reviewed and appealed against) while an
 * import is scored with version 9; a fragment (`partial: true`) keeps its opening and closing
 * unjudged with the reason, and spelling tricks in an agent's line still hit the red line.
 * The learned red-line model's part (versions 7-9, the default in force): scorecard.latest.cloud.test.ts.
 */
import { callApi, resetStore } from './harness';
import { data, inStore } from './alerts.support';
import { DEFAULT_SCORECARD_V6 } from '../../cloudfunctions/core/scoring';
import type { Session, StoredScore } from '../../cloudfunctions/core/model';

beforeEach(() => resetStore());

const AT = Date.now() - 3 * 3_600_000;

function record(id: string, lines: [string, string][], extra: Record<string, unknown> = {}) {
  return {
    id,
    channel: 'import',
    customerId: `cust-${id}`,
    agentId: 'kf001',
    messages: lines.map(([role, text], i) => ({ role, at: AT + i * 20_000, text })),
    ...extra,
  };
}

async function scoreOf(conversation: Record<string, unknown>): Promise<StoredScore> {
  const answer = (await callApi('admin-1', { action: 'conversations/import', conversation })) as { ok: boolean };
  expect(answer.ok).toBe(true);
  const [score] = await inStore<StoredScore>('scores', {
    sessionId: (answer as unknown as { data: { sessionId: string } }).data.sessionId,
  });
  return score;
}

test('an import is scored with version 9, the default in force; version 6 is still served as it shipped', async () => {
  const score = await scoreOf(
    record('v2-plain', [
      ['customer', '在吗，什么时候发货'],
      ['agent', '亲，这个已经发货了'],
    ]),
  );
  expect(score).toMatchObject({ scorecardId: 'default', scorecardVersion: 9 });
  expect(score.hits.map((h) => h.ruleId)).toContain('greeting-missing');

  const v6 = data(await callApi('admin-1', { action: 'scorecards/get', scorecardId: 'default', version: 6 }));
  expect(v6.scorecard).toMatchObject({ id: 'default', version: 6, text: { normalize: 2, acts: 'r4' } });
  expect(JSON.stringify(v6.scorecard.sections)).toBe(JSON.stringify(DEFAULT_SCORECARD_V6.sections));
  expect(
    v6.versions
      .filter((v: { version: number }) => v.version >= 6)
      .map((v: { version: number; shipped: boolean; live: boolean }) => [v.version, v.shipped, v.live]),
  ).toEqual([
    [6, true, false],
    [7, true, false],
    [8, true, false],
    [9, true, true],
  ]);
});

test('a fragment skips the opening and closing rules, with the reason', async () => {
  const score = await scoreOf(
    record(
      'v2-fragment',
      [
        ['customer', '那会员自动续费在哪里关'],
        ['agent', '我的-设置-会员管理，点关闭就可以'],
      ],
      { partial: true },
    ),
  );
  expect(score.hits.map((h) => h.ruleId)).not.toContain('greeting-missing');
  expect(score.hits.map((h) => h.ruleId)).not.toContain('closing-missing');
  expect(score.skipped?.map((s) => s.ruleId).sort()).toEqual(['closing-missing', 'greeting-missing']);
});

test('an agent steering to 薇 信 fails the session on the red line', async () => {
  const score = await scoreOf(
    record('v2-redline', [
      ['customer', '能便宜点吗'],
      ['agent', '您好，加我薇 信聊，私下给您便宜'],
    ]),
  );
  expect(score.redLine).toBe(true);
  expect(score.passed).toBe(false);
  expect(score.hits.find((h) => h.ruleId === 'off-platform-transaction')?.reason).toContain('原文');
});

test('the session card data: the first customer line (masked) and the rules that cost points', async () => {
  const answer = (await callApi('admin-1', {
    action: 'conversations/import',
    conversation: record('v2-card', [
      ['customer', '我的手机号13812345678，快递三天没动了'],
      ['agent', '加我薇 信聊'],
    ]),
  })) as { data: { sessionId: string } };
  const [session] = await inStore<Session>('sessions', { _id: answer.data.sessionId });
  expect(session.preview?.text).toBe('我的手机号138****5678，快递三天没动了');
  expect(session.score?.lost?.[0]).toBe('引导站外交易');
});
