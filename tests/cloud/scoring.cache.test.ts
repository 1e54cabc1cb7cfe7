/**
 * Published scorecards are read once per function instance and minute (common/instance.cache.ts),
 * not on every scoring: a version published meanwhile is scored with after the next read.
 */
import { forgetCachedScorecards } from '../../cloudfunctions/common/scoring.service';
import { DEFAULT_SCORECARD } from '../../cloudfunctions/core/scoring';
import { agentMessage, customerSays, data, openSessionOf, putDoc } from './alerts.support';
import { callApi, resetStore } from './harness';

beforeEach(() => resetStore());

async function closeConversationOf(customer: string): Promise<number> {
  await customerSays('你好，请问我的订单发货了吗', { customer });
  await agentMessage('您好，已经在安排了', { customer, agentId: 'kf001' });
  const sessionId = await openSessionOf(customer);
  const closed = data<{ score: { scorecardVersion: number } }>(
    await callApi('admin-1', { action: 'sessions/close', sessionId }),
  );
  return closed.score.scorecardVersion;
}

describe('published scorecards, kept per instance', () => {
  it('scores with the scorecards it read until they are read again', async () => {
    expect(await closeConversationOf('oFirst')).toBe(DEFAULT_SCORECARD.version);
    const newer = DEFAULT_SCORECARD.version + 100;
    await putDoc('scorecards', `${DEFAULT_SCORECARD.id}@${newer}`, {
      ...DEFAULT_SCORECARD,
      version: newer,
      status: 'published',
    });
    // Published through another instance (or the console): this one has not read it yet.
    expect(await closeConversationOf('oSecond')).toBe(DEFAULT_SCORECARD.version);
    forgetCachedScorecards();
    // Read as stored, `_id` and all: the document's id is not taken for a scorecard field.
    expect(await closeConversationOf('oThird')).toBe(newer);
  });
});
