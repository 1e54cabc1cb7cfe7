/** Small builders for generic ingest events, as a source would send them (raw JSON values). */
export const T0 = Date.parse('2025-03-01T10:00:00+08:00');

type Raw = Record<string, unknown>;

export function messageEvent(over: Raw = {}): Raw {
  return {
    id: 'm1',
    kind: 'message',
    at: T0,
    customerId: 'cust-1',
    role: 'customer',
    text: '你好，我的订单还没发货',
    ...over,
  };
}

export function ratingEvent(over: Raw = {}): Raw {
  return { id: 'r1', kind: 'rating', at: T0 + 60_000, customerId: 'cust-1', csat: 5, ...over };
}

export function agentOpEvent(over: Raw = {}): Raw {
  return { id: 'op1', kind: 'agent-op', at: T0, op: 'accept', customerId: 'cust-1', agentId: 'kf001', ...over };
}

export function segment(over: Raw = {}): Raw {
  return { speaker: 'customer', startMs: 0, endMs: 2000, text: '喂，你好', ...over };
}

export function callEvent(over: Raw = {}): Raw {
  return {
    id: 'c1',
    kind: 'call',
    callId: 'call-9001',
    agentId: 'kf001',
    customerId: 'cust-1',
    startedAt: T0,
    endedAt: T0 + 60_000,
    segments: [
      segment({
        speaker: 'agent',
        startMs: 0,
        endMs: 3000,
        text: '您好，这里是客服中心，请问有什么可以帮您？',
        confidence: 0.93,
      }),
      segment({ speaker: 'customer', startMs: 3500, endMs: 8000, text: '我想查一下物流' }),
      segment({ speaker: 'agent', startMs: 8500, endMs: 12000, text: '好的，马上为您查询' }),
    ],
    ...over,
  };
}
