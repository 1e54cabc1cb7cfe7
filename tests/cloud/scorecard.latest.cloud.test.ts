/**
 * The default scorecard (version 9; version 7 brought the learned red-line model, version 8 read
 * its retrained l2, version 9 reads l3) in the cloud: the functions give the engine the learned red-line models, so an agent turn only the model catches fails the session on the red line
 * (closing score), raises the live red-line alert, and stops a reply before it is sent; a warning
 * against private contact does none of these.
 */
import { callApi, resetStore } from './harness';
import { agentMessage, alertsInStore, customerSays, inStore, openSessionOf } from './alerts.support';
import type { StoredScore } from '../../cloudfunctions/core/model';
import { redLineClassifier } from '../../cloudfunctions/core/text/red-line.model';

beforeEach(() => resetStore());

const AT = Date.now() - 3 * 3_600_000;

/** Lines no word list catches and the model does (at 0.9 or more): see default.scorecard.v7.test.ts and v8's. */
const OFF_PLATFORM = '走平台要等，私下直接办';
const RUDE = '这都写在详情页了你自己翻';
/** A warning against private contact: off-platform skips it (its warning context) whatever the model reads. */
const WARNING = '请勿添加任何私人微信，谨防诈骗';

async function importedScore(id: string, agentLine: string): Promise<StoredScore> {
  const lines = [
    ['customer', '能便宜点吗'],
    ['agent', agentLine],
  ];
  const conversation = {
    id,
    channel: 'import',
    customerId: `cust-${id}`,
    agentId: 'kf001',
    messages: lines.map(([role, text], i) => ({ role, at: AT + i * 20_000, text })),
  };
  const answer = (await callApi('admin-1', { action: 'conversations/import', conversation })) as {
    ok: boolean;
    data: { sessionId: string };
  };
  expect(answer.ok).toBe(true);
  const [score] = await inStore<StoredScore>('scores', { sessionId: answer.data.sessionId });
  return score;
}

test("an import is scored with version 9, and a turn only the model catches fails it on the red line, the model's cues in the reason", async () => {
  const score = await importedScore('v8-model', OFF_PLATFORM);
  expect(score).toMatchObject({ scorecardId: 'default', scorecardVersion: 9, redLine: true, passed: false });
  const hit = score.hits.find((h) => h.ruleId === 'off-platform-transaction');
  expect(hit).toMatchObject({ messageIndex: 1, redLine: true });
  // Model l3's own confidence and cues (retraining the model moves them, not the wording).
  const model = redLineClassifier('l3');
  const cues = model
    .cues(OFF_PLATFORM, 'off-platform')
    .map((c) => `「${c}」`)
    .join('');
  expect(hit?.reason).toBe(
    `引导站外交易：红线模型：客服引导私下联系或交易（置信度 ${model.score(OFF_PLATFORM)['off-platform'].toFixed(2)}，线索${cues}）`,
  );
});

test('a warning against private contact is no red line', async () => {
  const score = await importedScore('v8-warning', WARNING);
  expect(score).toMatchObject({ scorecardVersion: 9, redLine: false });
  expect(score.hits.map((h) => h.ruleId)).not.toContain('off-platform-transaction');
});

test('the live red-line alert reads the model too', async () => {
  await customerSays('在吗');
  await agentMessage(OFF_PLATFORM);
  expect(await alertsInStore()).toEqual([
    expect.objectContaining({
      policy: 'red-line',
      evidence: [expect.objectContaining({ ruleId: 'off-platform-transaction', messageIndex: 1 })],
    }),
  ]);
});

test("the pre-send check refuses a draft only the model catches, naming the rule and the model's cue", async () => {
  await customerSays('你好，尺码怎么选');
  const sessionId = await openSessionOf();
  const r = (await callApi('agent-1', { action: 'messages/reply', sessionId, text: RUDE })) as {
    ok: boolean;
    code: string;
    message: string;
  };
  expect(r).toMatchObject({ ok: false, code: 'REPLY.RED_LINE' });
  expect(r.message).toContain('「服务态度恶劣」(自己)');
  const [entry] = await inStore('auditLog', { action: 'redLineBlocked' });
  expect(entry).toMatchObject({ after: { redLine: [{ ruleId: 'rude-language', words: ['自己'] }] } });

  const warned = (await callApi('agent-1', { action: 'messages/reply', sessionId, text: WARNING })) as { ok: boolean };
  expect(warned.ok).toBe(true);
});
