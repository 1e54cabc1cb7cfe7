import type { Alert, Message, Session, StoredScore, ScoreHit, User } from '@core/model';

export const NOW = Date.UTC(2025, 2, 10, 6, 0, 0);

export function makeUser(over: Partial<User> = {}): User {
  return { _id: 'demo-supervisor', role: 'supervisor', name: '王主管', team: '售后一组', ...over };
}

export function makeAlert(over: Partial<Alert> = {}): Alert {
  return {
    _id: 'alert-1',
    sessionId: 'session-1',
    agentId: 'agent-007',
    team: '售后一组',
    policy: 'score-low',
    severity: 'high',
    status: 'new',
    title: '质检得分过低',
    evidence: [],
    score: 52,
    routedTo: ['demo-supervisor'],
    createdAt: NOW - 5 * 60_000,
    updatedAt: NOW - 5 * 60_000,
    ...over,
  };
}

export function makeMessage(over: Partial<Message> = {}): Message {
  return {
    _id: `msg-${Math.random().toString(36).slice(2)}`,
    sessionId: 'session-1',
    channel: 'mp-kf',
    role: 'customer',
    type: 'text',
    text: '你好',
    at: NOW,
    customerId: 'cust-1',
    ...over,
  };
}

export function makeSession(over: Partial<Session> = {}): Session {
  return {
    _id: 'session-1',
    channel: 'mp-kf',
    customerId: 'cust-1',
    agentIds: ['agent-007'],
    agentId: 'agent-007',
    team: '售后一组',
    status: 'closed',
    startedAt: NOW - 30 * 60_000,
    lastAt: NOW - 10 * 60_000,
    messageCount: 4,
    ...over,
  };
}

export function makeHit(over: Partial<ScoreHit> = {}): ScoreHit {
  return {
    ruleId: 'forbidden-words',
    ruleVersion: 1,
    messageIndex: 0,
    span: [0, 2],
    excerpt: '',
    points: -10,
    reason: '使用服务禁语',
    ...over,
  };
}

export function makeScore(over: Partial<StoredScore> = {}): StoredScore {
  return {
    _id: 'score-1',
    sessionId: 'session-1',
    channel: 'mp-kf',
    scorecardId: 'default',
    scorecardVersion: 1,
    total: 72,
    passed: true,
    redLine: false,
    sections: [],
    hits: [],
    scoredAt: NOW,
    ...over,
  };
}
