/**
 * The push path when WeChat's retries and several function instances meet:
 * - a message's deliveries racing in one instance store it once (the later ones wait for the
 *   first and answer duplicate);
 * - the live checks' message lists (alerts/live.messages.ts) equal a fresh read of the session
 *   after every message, though other instances store messages in between, messages arrive out
 *   of time order, and the lists are bounded.
 */
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { storeMessage, type NewMessage } from '../../cloudfunctions/common/message.store';
import { listMessages } from '../../cloudfunctions/common/messages.repository';
import { createLiveMessageLists } from '../../cloudfunctions/common/alerts/live.messages';
import type { Message, Session } from '../../cloudfunctions/core/model';
import { resetStore, store } from './harness';

beforeEach(() => resetStore());

const asTest = <T>(fn: () => Promise<T>) => runWithContext({ SOURCE: 'test' }, fn);

let n = 0;
function line(role: 'customer' | 'agent', at: number): NewMessage {
  n += 1;
  return {
    _id: `inst-${n}`,
    channel: 'mp-kf',
    role,
    type: 'text',
    text: role === 'customer' ? `第${n}句：还没发货吗` : `第${n}句：马上为您查询`,
    at,
    customerId: 'oInstances',
    ...(role === 'agent' ? { agentId: 'kf001' } : {}),
  };
}

const sessionDoc = (id: string) => store.findById('sessions', id) as unknown as Session;

describe('racing deliveries of one message in one instance', () => {
  it('store it once: one answer says stored, the others duplicate, one transaction', async () => {
    const msg = line('customer', Date.now());
    const transactions = jest.spyOn(store, 'beginTransaction');
    const outcomes = await asTest(() => Promise.all([0, 1, 2, 3].map(() => storeMessage(msg))));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'stored']);
    expect(new Set(outcomes.map((o) => o.sessionId)).size).toBe(1);
    expect(store.count('messages', { _id: msg._id })).toBe(1);
    expect(sessionDoc(outcomes[0].sessionId).messageCount).toBe(1);
    expect(transactions).toHaveBeenCalledTimes(1);
    transactions.mockRestore();
  });
});

describe('live message lists across instances', () => {
  it('equal a fresh read after every message, with other instances storing in between', async () => {
    const mine = createLiveMessageLists();
    const other = createLiveMessageLists();
    const t0 = Date.now();
    // Out of time order on purpose: the 4th message is older than the 3rd.
    const plan: Array<['mine' | 'other' | 'nobody', 'customer' | 'agent', number]> = [
      ['mine', 'customer', 0],
      ['mine', 'agent', 1000],
      ['other', 'customer', 3000],
      ['mine', 'customer', 2000],
      ['mine', 'agent', 4000],
      ['mine', 'customer', 3500],
      ['nobody', 'customer', 5000],
      ['other', 'agent', 6000],
      ['mine', 'customer', 7000],
    ];
    for (const [who, role, offset] of plan) {
      const msg = line(role, t0 + offset);
      const { sessionId } = await asTest(() => storeMessage(msg));
      if (who === 'nobody') continue; // stored by an instance that keeps no lists
      const lists = who === 'mine' ? mine : other;
      const stored = { ...msg, sessionId } as Message;
      const got = await asTest(() => lists.of(sessionDoc(sessionId), stored));
      const fresh = await asTest(() => listMessages(sessionId));
      expect(got).toEqual(fresh);
    }
  });

  it('hold at most their bound, dropping the least recently used session first', async () => {
    const lists = createLiveMessageLists(3);
    const t0 = Date.now();
    const ids: string[] = [];
    for (const customerId of ['oA', 'oB']) {
      for (let i = 0; i < 2; i++) {
        const msg = { ...line('customer', t0 + i), customerId };
        const { sessionId } = await asTest(() => storeMessage(msg));
        await asTest(() => lists.of(sessionDoc(sessionId), { ...msg, sessionId } as Message));
        ids.push(sessionId);
      }
    }
    // oA's two messages, then oB's: 4 > 3, so oA's list left.
    expect(lists.held()).toBe(2);
    lists.forget(ids[3]);
    expect(lists.held()).toBe(0);
  });

  it('start whole and empty for a session the instance opened: its first message is not read back', async () => {
    const msg = line('customer', Date.now());
    const { sessionId } = await asTest(() => storeMessage(msg));
    const lists = createLiveMessageLists();
    lists.opened(sessionId);
    const reads = jest.spyOn(store, 'findEncoded');
    const got = await asTest(() => lists.of(sessionDoc(sessionId), { ...msg, sessionId } as Message));
    expect(reads.mock.calls.filter(([coll]) => coll === 'messages')).toEqual([]);
    reads.mockRestore();
    expect(got).toEqual(await asTest(() => listMessages(sessionId)));
    expect(lists.complete(sessionDoc(sessionId))).toEqual(got);
  });
});
