/** Small factories for the alert core's tests. */
import { DEFAULT_POLICY_SET } from '../../../../cloudfunctions/core/alerts/alert.policy-set';
import type { LiveMessage } from '../../../../cloudfunctions/core/alerts/alert.live';
import type {
  Alert,
  AlertPolicyConfig,
  AlertPolicySet,
  ScoreHit,
  ScoreResult,
  Session,
} from '../../../../cloudfunctions/core/model';
import type { TextAnalyzers } from '../../../../cloudfunctions/core/scoring';

export const T0 = Date.UTC(2025, 4, 6, 2, 0, 0);

export function session(overrides: Partial<Session> = {}): Session {
  return {
    _id: 's1',
    channel: 'mp-kf',
    customerId: 'c1',
    agentIds: ['kf001'],
    agentId: 'kf001',
    team: '售前一组',
    status: 'open',
    startedAt: T0,
    lastAt: T0,
    messageCount: 0,
    waitingSince: null,
    ...overrides,
  };
}

export function msg(role: LiveMessage['role'], text: string, at = T0, id?: string): LiveMessage {
  return { role, text, at, type: 'text', ...(id ? { _id: id } : {}) };
}

/** The default policies with one policy's settings changed. */
export function policiesWith(patch: Partial<AlertPolicyConfig> & { id: AlertPolicyConfig['id'] }): AlertPolicySet {
  return {
    ...DEFAULT_POLICY_SET,
    policies: DEFAULT_POLICY_SET.policies.map((p) =>
      p.id === patch.id ? ({ ...p, ...patch } as AlertPolicyConfig) : p,
    ),
  };
}

export function score(overrides: Partial<ScoreResult> = {}, hits: Partial<ScoreHit>[] = []): ScoreResult {
  return {
    scorecardId: 'default',
    scorecardVersion: 1,
    total: 90,
    passed: true,
    redLine: false,
    sections: [],
    hits: hits.map((h) => ({
      ruleId: 'x',
      ruleVersion: 1,
      messageIndex: 0,
      span: null,
      excerpt: '',
      points: -5,
      reason: '',
      ...h,
    })),
    ...overrides,
  };
}

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    _id: 'red-line_s1',
    sessionId: 's1',
    policy: 'red-line',
    severity: 'critical',
    status: 'new',
    title: '',
    evidence: [],
    routedTo: ['sup-1'],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** Sentiment by table: the live checks' thresholds, tested apart from the model's opinions. */
export function sentimentTable(table: Record<string, number>): TextAnalyzers {
  return {
    sentiment(text: string) {
      const pPositive = table[text] ?? 0.5;
      return { label: pPositive < 0.3 ? 'negative' : pPositive > 0.7 ? 'positive' : 'neutral', pPositive };
    },
  };
}
