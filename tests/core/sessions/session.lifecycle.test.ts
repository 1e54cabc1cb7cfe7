import type { Message, Session } from '../../../cloudfunctions/core/model';
import {
  conversationOf,
  isIdle,
  openSession,
  sessionPatchFor,
  type ArrivingMessage,
} from '../../../cloudfunctions/core/sessions/session.lifecycle';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');

function apply(session: Session, ...msgs: ArrivingMessage[]): Session {
  return msgs.reduce((s, m) => ({ ...s, ...sessionPatchFor(s, m) }), session);
}

const fresh = () => openSession({ channel: 'mp-kf', customerId: 'o1', at: T0 });

describe('session lifecycle', () => {
  it('opens with a deterministic id so concurrent first deliveries converge', () => {
    expect(fresh()._id).toBe(openSession({ channel: 'mp-kf', customerId: 'o1', at: T0 })._id);
    expect(fresh()).toMatchObject({ status: 'open', agentIds: [], messageCount: 0, waitingSince: null });
  });

  it('tracks the oldest unanswered customer message and clears it on an answer', () => {
    const s1 = apply(fresh(), { role: 'customer', at: T0 }, { role: 'customer', at: T0 + 5000 });
    expect(s1.waitingSince).toBe(T0);
    const s2 = apply(s1, { role: 'agent', at: T0 + 20000, agentId: 'kf1' });
    expect(s2.waitingSince).toBeNull();
    expect(s2).toMatchObject({ agentIds: ['kf1'], agentId: 'kf1', lastAgentAt: T0 + 20000, messageCount: 3 });
  });

  it('places out-of-order messages by timestamp, not by arrival', () => {
    const s = apply(fresh(), { role: 'customer', at: T0 + 60_000 }, { role: 'customer', at: T0 - 30_000 });
    expect(s.startedAt).toBe(T0 - 30_000);
    expect(s.lastAt).toBe(T0 + 60_000);
    expect(s.waitingSince).toBe(T0 - 30_000);
  });

  it('keeps one session with several agents across a transfer', () => {
    const s = apply(
      fresh(),
      { role: 'customer', at: T0 },
      { role: 'agent', at: T0 + 1000, agentId: 'kf1' },
      { role: 'customer', at: T0 + 2000 },
      { role: 'agent', at: T0 + 3000, agentId: 'kf2' },
    );
    expect(s.agentIds).toEqual(['kf1', 'kf2']);
    expect(s.agentId).toBe('kf2');
  });

  it('leaves the customer waiting when WeChat refused to deliver the reply', () => {
    const s = apply(
      fresh(),
      { role: 'customer', at: T0 },
      { role: 'agent', at: T0 + 1000, agentId: 'kf1', delivery: { status: 'failed' } },
    );
    expect(s.waitingSince).toBe(T0);
  });

  it('is idle after the timeout since the last message', () => {
    const s = apply(fresh(), { role: 'customer', at: T0 });
    expect(isIdle(s, T0 + 29 * 60_000)).toBe(false);
    expect(isIdle(s, T0 + 30 * 60_000)).toBe(true);
    expect(isIdle({ ...s, status: 'closed' }, T0 + 60 * 60_000)).toBe(false);
  });

  it('gives the scoring engine the messages in time order with transfers counted', () => {
    const session = { ...fresh(), agentIds: ['kf1', 'kf2'], agentId: 'kf2' };
    const msg = (id: string, at: number, role: Message['role']): Message => ({
      _id: id,
      sessionId: session._id,
      channel: 'mp-kf',
      role,
      type: 'text',
      text: id,
      at,
      customerId: 'o1',
    });
    const conv = conversationOf(session, [msg('b', T0 + 2, 'agent'), msg('a', T0 + 1, 'customer')]);
    expect(conv.messages.map((m) => m.text)).toEqual(['a', 'b']);
    expect(conv.transfers).toBe(1);
  });

  describe('the preview: what the session is about', () => {
    it("is the customer's first text line, cut at 40 characters", () => {
      const long = '我的订单已经三天了还没有发货，麻烦帮我看一下到底是什么情况，谢谢你们了啊啊啊啊';
      const s = apply(
        fresh(),
        { role: 'customer', at: T0, text: `  ${long}  ` },
        { role: 'customer', at: T0 + 1, text: '在吗' },
      );
      expect(s.preview).toEqual({ text: Array.from(long).slice(0, 40).join(''), at: T0 });
    });

    it('takes the earliest line, whatever order the messages arrive in', () => {
      const s = apply(
        fresh(),
        { role: 'customer', at: T0 + 5000, text: '第二句' },
        { role: 'customer', at: T0, text: '第一句' },
      );
      expect(s.preview?.text).toBe('第一句');
    });

    it('passes over a bare 「你好」「在吗」 for the first line that says something', () => {
      const s = apply(
        fresh(),
        { role: 'customer', at: T0, text: '你好' },
        { role: 'customer', at: T0 + 1, text: '在吗？' },
        { role: 'customer', at: T0 + 2, text: '退款什么时候到' },
        { role: 'customer', at: T0 + 3, text: '还有个问题' },
      );
      expect(s.preview?.text).toBe('退款什么时候到');
      expect(apply(fresh(), { role: 'customer', at: T0, text: '在吗' }).preview?.text).toBe('在吗');
    });

    it('ignores agents, images and empty lines', () => {
      const s = apply(
        fresh(),
        { role: 'agent', at: T0, text: '您好', agentId: 'kf1' },
        { role: 'customer', at: T0 + 1, text: '[图片]', type: 'image' },
        { role: 'customer', at: T0 + 2, text: '   ' },
      );
      expect(s.preview).toBeUndefined();
    });
  });
});
