/**
 * Issue 16 (agent-notices), on the real router, timer and store: department feedback (a rule
 * failing across a team over last week → one notice per supervisor of that team, never
 * repeated), the transfer notice to the receiving agent, and image / mini-program card replies
 * through `uploadTempMedia` and `customerServiceMessage.send` (WeChat mocked by the outbox),
 * with WeChat's refusals explained in Chinese.
 */
import { alertTemplateId } from '../../cloudfunctions/common/alerts/subscription.service';
import type { Message, Notice } from '../../cloudfunctions/core/model';
import { agentMessage, customerSays, data, inStore, openSessionOf, putDoc, sentSubscriptions } from './alerts.support';
import { binding, callApi, resetStore, runSweep, TEAM } from './harness';

const DAY = 86_400_000;
const OTHER_TEAM = '售后二组';
const refused = (r: unknown) => r as { ok: false; code: string; message: string };
const noticesTo = (to: string) => inStore<Notice>('notices', { to });

function at(t: number) {
  jest.spyOn(Date, 'now').mockReturnValue(t);
}

beforeEach(async () => {
  jest.restoreAllMocks();
  await resetStore();
  binding.outbox.clearFailures();
  await putDoc('users', 'agent-3', { role: 'agent', name: '李想', team: TEAM, agentId: 'kf002' });
  await putDoc('users', 'sup-3', { role: 'supervisor', name: '陈主管', team: TEAM });
});
afterAll(() => jest.restoreAllMocks());

describe('department feedback', () => {
  // Wednesday 2026-11-18 10:00 China time; last ISO week is 2026-W46 (11-09 … 11-15).
  const NOW = Date.parse('2026-11-18T10:00:00+08:00');
  const LAST_WEEK = Date.parse('2026-11-11T12:00:00+08:00');

  async function scored(id: string, team: string, ruleIds: string[], when = LAST_WEEK) {
    await putDoc('scores', id, {
      sessionId: id,
      scorecardId: 'default',
      scorecardVersion: 2,
      total: 70,
      passed: false,
      redLine: false,
      sections: [],
      hits: ruleIds.map((ruleId) => ({
        ruleId,
        ruleVersion: 1,
        ruleName: ruleId === 'greeting-missing' ? '未使用问候语' : ruleId,
        messageIndex: 0,
        span: null,
        excerpt: '',
        points: -5,
        reason: '',
      })),
      team,
      channel: 'import',
      scoredAt: when,
    });
  }

  async function week(team: string, n: number, failing: number, ruleId = 'greeting-missing', when = LAST_WEEK) {
    for (let i = 0; i < n; i++) await scored(`${team}-${ruleId}-${when}-${i}`, team, i < failing ? [ruleId] : [], when);
  }

  it('tells every supervisor of a team where a rule failed in ≥ 30% of ≥ 20 sessions, once', async () => {
    await week(TEAM, 20, 7); // 35%: over the line
    await week(OTHER_TEAM, 15, 15); // every session, but too few to say
    await scored('late', TEAM, ['greeting-missing'], NOW - 3600_000); // this week: not counted
    at(NOW);
    await runSweep();
    await runSweep();
    for (const sup of ['sup-1', 'sup-3']) {
      const got = (await noticesTo(sup)).filter((n) => n.kind === 'department');
      expect(got).toEqual([
        expect.objectContaining({
          title: `${TEAM}：「未使用问候语」本组普遍不达标`,
          text: expect.stringContaining('20 个会话中 7 个（35%）'),
        }),
      ]);
    }
    expect(await noticesTo('sup-2')).toEqual([]);
    expect(await inStore('feedbackRuns')).toEqual([expect.objectContaining({ _id: 'dept_2026-W46' })]);
    // Later the same week: the week was done, nothing is repeated.
    at(NOW + DAY);
    await runSweep();
    expect((await noticesTo('sup-1')).filter((n) => n.kind === 'department')).toHaveLength(1);
  });

  it('stays quiet below the line (29%)', async () => {
    await week(TEAM, 24, 7); // 29%
    at(NOW);
    await runSweep();
    expect((await noticesTo('sup-1')).filter((n) => n.kind === 'department')).toEqual([]);
  });

  it('a supervisor reads it in their inbox (notices/list) and marks it read', async () => {
    await week(TEAM, 20, 10);
    at(NOW);
    await runSweep();
    const inbox = data(await callApi('sup-1', { action: 'notices/list' }));
    expect(inbox.unread).toBe(1);
    data(await callApi('sup-1', { action: 'notices/ack', noticeId: inbox.items[0]._id }));
    expect(data(await callApi('sup-1', { action: 'notices/list' })).unread).toBe(0);
  });
});

async function liveSession(customer: string): Promise<string> {
  const now = Date.now();
  await customerSays('你好，我的快递到哪了', { customer, at: now - 120_000 });
  await agentMessage('您好，正在为您查询', { customer, agentId: 'kf001', at: now - 90_000 });
  await customerSays('多久能到？', { customer, at: now - 60_000 });
  return openSessionOf(customer);
}

describe('transfer notice', () => {
  it('the receiving agent gets an inbox notice and, with a consent banked, a subscription message', async () => {
    data(await callApi('agent-3', { action: 'alerts/subscribe', templateId: alertTemplateId(), accepted: true }));
    const sessionId = await liveSession('oTransfer');
    data(await callApi('agent-1', { action: 'sessions/transfer', sessionId, toAgentId: 'kf002' }));
    expect(await noticesTo('agent-3')).toEqual([
      expect.objectContaining({
        kind: 'transfer',
        sessionId,
        from: 'agent-1',
        title: '王晓雨转给你一个会话',
        text: '客户：你好，我的快递到哪了',
      }),
    ]);
    expect(await noticesTo('agent-1')).toEqual([]);
    expect(sentSubscriptions()).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({
          touser: 'agent-3',
          page: `packages/agent/chat/index?sessionId=${sessionId}`,
        }),
      }),
    ]);
  });

  it('a refused transfer tells nobody', async () => {
    const sessionId = await liveSession('oTransfer2');
    expect(
      refused(await callApi('agent-1', { action: 'sessions/transfer', sessionId, toAgentId: 'kf006' })),
    ).toMatchObject({
      code: 'TRANSFER.BAD_AGENT',
    });
    expect(await inStore('notices')).toEqual([]);
  });
});

describe('image and mini-program card replies', () => {
  // A 1×1 PNG and the first bytes of a JPEG.
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]).toString('base64');
  const uploads = () => binding.outbox.entries('customerServiceMessage.uploadTempMedia');
  const sends = () => binding.outbox.entries('customerServiceMessage.send');
  const stored = async (sessionId: string) =>
    (await inStore<Message>('messages', { sessionId })).sort((a, b) => a.at - b.at).pop()!;

  it('an image is uploaded, sent by its media id and stored as an image message; audited', async () => {
    const sessionId = await liveSession('oImg');
    const { message } = data(
      await callApi('agent-1', { action: 'messages/replyMedia', kind: 'image', sessionId, image: PNG }),
    );
    expect(uploads()).toEqual([
      expect.objectContaining({
        params: { type: 'image', media: { contentType: 'image/png', value: { bytes: 70 } } },
      }),
    ]);
    const mediaId = message.attachment.mediaId;
    expect(mediaId).toMatch(/^media_/);
    expect(sends()).toEqual([
      expect.objectContaining({ params: { touser: 'oImg', msgtype: 'image', image: { media_id: mediaId } } }),
    ]);
    expect(await stored(sessionId)).toMatchObject({
      type: 'image',
      role: 'agent',
      text: '[图片]',
      attachment: { kind: 'image', mediaId, bytes: 70 },
      delivery: { status: 'sent' },
    });
    expect(await inStore('auditLog', { entity: 'message', action: 'reply' })).toEqual([
      expect.objectContaining({ by: 'agent-1', entityId: message._id }),
    ]);
  });

  it('a JPEG is recognised by its bytes', async () => {
    const sessionId = await liveSession('oJpeg');
    data(await callApi('agent-1', { action: 'messages/replyMedia', kind: 'image', sessionId, image: JPEG }));
    expect(uploads()[0].params).toMatchObject({ media: { contentType: 'image/jpeg' } });
  });

  it('a card goes as miniprogrampage with an uploaded thumbnail, title masked', async () => {
    const sessionId = await liveSession('oCard');
    data(
      await callApi('agent-1', {
        action: 'messages/replyMedia',
        kind: 'card',
        sessionId,
        title: '订单详情',
        pagePath: 'pages/order/index?id=42',
      }),
    );
    expect(uploads()).toHaveLength(1);
    expect(sends()[0].params).toEqual({
      touser: 'oCard',
      msgtype: 'miniprogrampage',
      miniprogrampage: { title: '订单详情', pagepath: 'pages/order/index?id=42', thumb_media_id: expect.any(String) },
    });
    expect(await stored(sessionId)).toMatchObject({
      type: 'card',
      text: '[小程序卡片] 订单详情',
      attachment: { kind: 'card', title: '订单详情', pagePath: 'pages/order/index?id=42' },
    });
  });

  it('explains WeChat’s refusals in Chinese and keeps the failed message', async () => {
    const sessionId = await liveSession('oFail');
    binding.outbox.fail('customerServiceMessage.uploadTempMedia', { errCode: 40006, times: 1 });
    const tooBig = refused(
      await callApi('agent-1', { action: 'messages/replyMedia', kind: 'image', sessionId, image: PNG }),
    );
    expect(tooBig).toMatchObject({ ok: false, code: 'WECHAT.SEND_FAILED' });
    expect(tooBig.message).toContain('图片太大');
    expect(sends()).toEqual([]); // nothing sent after a failed upload
    expect(await stored(sessionId)).toMatchObject({ type: 'image', delivery: { status: 'failed', errcode: 40006 } });

    binding.outbox.fail('customerServiceMessage.send', { errCode: 45015, times: 1 });
    const late = refused(
      await callApi('agent-1', {
        action: 'messages/replyMedia',
        kind: 'card',
        sessionId,
        title: '订单',
        pagePath: 'pages/a',
      }),
    );
    expect(late.message).toContain('48 小时');
    expect(await stored(sessionId)).toMatchObject({ type: 'card', delivery: { status: 'failed', errcode: 45015 } });
  });

  it('refuses what is not a JPEG or PNG, a bad page path, and a taken-over session', async () => {
    const sessionId = await liveSession('oBad');
    const gif = Buffer.from('GIF89a-not-allowed').toString('base64');
    expect(
      refused(await callApi('agent-1', { action: 'messages/replyMedia', kind: 'image', sessionId, image: gif })),
    ).toMatchObject({ code: 'MEDIA.INVALID' });
    expect(
      refused(
        await callApi('agent-1', {
          action: 'messages/replyMedia',
          kind: 'card',
          sessionId,
          title: '订单',
          pagePath: 'https://evil.example/x y',
        }),
      ),
    ).toMatchObject({ code: 'INPUT.INVALID' });
    data(await callApi('sup-1', { action: 'sessions/takeover', sessionId }));
    expect(
      refused(await callApi('agent-1', { action: 'messages/replyMedia', kind: 'image', sessionId, image: PNG })),
    ).toMatchObject({ code: 'SESSION.TAKEN_OVER' });
    expect(uploads()).toEqual([]);
  });
});
