import { messageEvent } from '../core/ingest/events.factories';
import { all, batch, json, resetWithSecrets, signedPost } from './events.support';

beforeEach(() => resetWithSecrets());

const T = Date.now() - 10 * 60_000;
const at = (seconds: number) => T + seconds * 1000;

describe('sessionKey: a source that names its own conversations', () => {
  it('groups messages by the key, not by idle time, even for the same customer at the same time', async () => {
    const answer = json(
      await signedPost(
        batch([
          messageEvent({ id: 'a1', at: at(0), sessionKey: 'ticket-1', text: '退款什么时候到账' }),
          messageEvent({ id: 'b1', at: at(1), sessionKey: 'ticket-2', text: '另外一个订单也没发货' }),
          messageEvent({
            id: 'a2',
            at: at(2),
            sessionKey: 'ticket-1',
            role: 'agent',
            agentId: 'kf001',
            text: '您好，帮您查询退款',
          }),
        ]),
      ),
    );
    const ids = answer.data.results.map((r: { sessionId: string }) => r.sessionId);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    const sessions = await all('sessions');
    expect(sessions.map((s) => s.messageCount).sort()).toEqual([1, 2]);
  });

  it('keeps messages without a key grouped per customer as before', async () => {
    await signedPost(batch([messageEvent({ id: 'x1', at: at(0) }), messageEvent({ id: 'x2', at: at(5) })]));
    expect(await all('sessions')).toHaveLength(1);
  });
});
