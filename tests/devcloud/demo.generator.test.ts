import type { Conversation } from '@core/model';
import { maskPii } from '@core/privacy/pii.mask';
import {
  DEMO_AGENTS,
  DEMO_DAYS,
  DEMO_OPENIDS,
  generateDemo,
  profileOf,
  SCENARIOS,
  toJsonl,
  type QualityProfile,
} from '../../devcloud/demo';

const NOW = Date.UTC(2025, 2, 1, 4, 0, 0);
const DAY = 86_400_000;

const demo = (options: { seed?: number; conversations?: number } = {}) => generateDemo({ now: NOW, ...options });
// One shared larger sample for the aggregate checks: profile effects need volume to show.
const sample = demo({ seed: 11, conversations: 600 }).conversations;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function byProfile(profile: QualityProfile): Conversation[] {
  return sample.filter((c) => c.agentId !== undefined && profileOf(c.agentId) === profile);
}

function firstResponseSeconds(c: Conversation): number {
  const firstAgent = c.messages.find((m) => m.role === 'agent');
  if (!firstAgent) throw new Error(`no agent message in ${c.id}`);
  return (firstAgent.at - c.messages[0].at) / 1000;
}

const agentText = (c: Conversation) => c.messages.filter((m) => m.role === 'agent').map((m) => m.text);
const customerText = (c: Conversation) => c.messages.filter((m) => m.role === 'customer').map((m) => m.text);
const share = (cs: Conversation[], predicate: (c: Conversation) => boolean) => cs.filter(predicate).length / cs.length;

describe('determinism', () => {
  test('the same seed gives identical output', () => {
    expect(demo({ seed: 7 })).toEqual(demo({ seed: 7 }));
  });

  test('different seeds give different conversations', () => {
    expect(toJsonl(demo({ seed: 7, conversations: 20 }).conversations)).not.toBe(
      toJsonl(demo({ seed: 8, conversations: 20 }).conversations),
    );
  });

  test('ids are unique and carry the seed', () => {
    const ids = demo({ seed: 7 }).conversations.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('demo-7-'))).toBe(true);
  });
});

describe('users', () => {
  const { users } = demo({ conversations: 0 });

  test('include the fixed openid of each role', () => {
    const roleOf = (openid: string) => users.find((u) => u._id === openid)?.role;
    expect(roleOf(DEMO_OPENIDS.admin)).toBe('admin');
    expect(roleOf(DEMO_OPENIDS.supervisor)).toBe('supervisor');
    expect(roleOf(DEMO_OPENIDS.inspector)).toBe('inspector');
    expect(roleOf(DEMO_OPENIDS.agent)).toBe('agent');
  });

  test('include at least 8 agents with agent ids and Chinese names across 2+ teams', () => {
    const agents = users.filter((u) => u.role === 'agent');
    expect(agents.length).toBeGreaterThanOrEqual(8);
    expect(agents.every((a) => a.agentId && a.team && /^[\u4e00-\u9fa5]{2,3}$/.test(a.name))).toBe(true);
    expect(new Set(agents.map((a) => a.team)).size).toBeGreaterThanOrEqual(2);
  });

  test('give every agent team a supervisor', () => {
    const supervisedTeams = new Set(users.filter((u) => u.role === 'supervisor').map((u) => u.team));
    for (const agent of users.filter((u) => u.role === 'agent')) expect(supervisedTeams).toContain(agent.team);
  });

  test('cover every quality profile', () => {
    expect(new Set(DEMO_AGENTS.map((a) => a.profile))).toEqual(new Set(['excellent', 'average', 'poor', 'risky']));
  });
});

describe('conversations', () => {
  const { conversations } = demo();

  test('default to 300 and honour the requested count', () => {
    expect(conversations).toHaveLength(300);
    expect(demo({ conversations: 25 }).conversations).toHaveLength(25);
  });

  test('cover every scenario', () => {
    const issueTypes = new Set(conversations.map((c) => c.tags?.issueType));
    for (const s of SCENARIOS) expect(issueTypes).toContain(s.issueType);
  });

  test('carry an issue type and a business line', () => {
    expect(conversations.every((c) => c.tags?.issueType && c.tags.businessLine)).toBe(true);
  });

  test('have 4 to 20 messages, opened by the customer', () => {
    for (const c of conversations) {
      expect(c.messages.length).toBeGreaterThanOrEqual(4);
      expect(c.messages.length).toBeLessThanOrEqual(20);
      expect(c.messages[0].role).toBe('customer');
    }
  });

  test('have increasing timestamps within the last two weeks before now', () => {
    for (const c of conversations) {
      expect(c.startedAt).toBe(c.messages[0].at);
      for (let i = 1; i < c.messages.length; i += 1) expect(c.messages[i].at).toBeGreaterThan(c.messages[i - 1].at);
      expect(c.messages[c.messages.length - 1].at).toBeLessThan(NOW);
      expect(c.messages[0].at).toBeGreaterThan(NOW - (DEMO_DAYS + 1) * DAY);
    }
  });

  test('are sorted by start time', () => {
    const starts = conversations.map((c) => c.startedAt ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  test('belong to known agents, including the demo agent', () => {
    const agentIds = new Set(DEMO_AGENTS.map((a) => a.agentId));
    expect(conversations.every((c) => c.agentId && agentIds.has(c.agentId))).toBe(true);
    const demoAgentId = DEMO_AGENTS.find((a) => a.openid === DEMO_OPENIDS.agent)?.agentId;
    expect(conversations.filter((c) => c.agentId === demoAgentId).length).toBeGreaterThanOrEqual(10);
  });

  test('come from openid-like customers, some of whom return', () => {
    expect(conversations.every((c) => /^oUpF8[A-Za-z0-9_-]{23}$/.test(c.customerId))).toBe(true);
    expect(new Set(conversations.map((c) => c.customerId)).size).toBeLessThan(conversations.length);
  });

  test('arrive mostly through mp-kf, some through wecom-kf', () => {
    const mp = share(conversations, (c) => c.channel === 'mp-kf');
    expect(mp).toBeGreaterThan(0.7);
    expect(mp).toBeLessThan(1);
    expect(conversations.every((c) => c.channel === 'mp-kf' || c.channel === 'wecom-kf')).toBe(true);
  });

  test('are rated about 60% of the time with a csat of 1 to 5', () => {
    const rated = conversations.filter((c) => c.rating);
    expect(rated.length / conversations.length).toBeGreaterThan(0.5);
    expect(rated.length / conversations.length).toBeLessThan(0.7);
    expect(rated.every((c) => Number.isInteger(c.rating?.csat) && c.rating!.csat! >= 1 && c.rating!.csat! <= 5)).toBe(
      true,
    );
    expect(rated.every((c) => typeof c.rating?.resolved === 'boolean')).toBe(true);
  });

  test('include customers who leave their phone number, in a minority of conversations', () => {
    const withPhone = share(conversations, (c) =>
      c.messages.some(
        (m) => m.role === 'customer' && maskPii(m.text, 'customer').findings.some((f) => f.type === 'phone'),
      ),
    );
    expect(withPhone).toBeGreaterThan(0.03);
    expect(withPhone).toBeLessThan(0.25);
  });

  test('include complaint threats and negated complaints', () => {
    const texts = conversations.flatMap(customerText);
    expect(texts.some((t) => /我要投诉|12315|差评/.test(t) && !/不是要投诉|没有要给差评/.test(t))).toBe(true);
    expect(texts.some((t) => /不是要投诉|没有要给差评/.test(t))).toBe(true);
  });
});

describe('quality profiles', () => {
  test('poor agents answer first much more slowly than excellent agents', () => {
    const excellent = median(byProfile('excellent').map(firstResponseSeconds));
    const poor = median(byProfile('poor').map(firstResponseSeconds));
    expect(excellent).toBeLessThan(40);
    expect(poor).toBeGreaterThan(excellent * 4);
  });

  test('excellent agents greet and close far more often than poor agents', () => {
    const greets = (c: Conversation) => /^(您好|亲)/.test(agentText(c)[0] ?? '');
    const closes = (c: Conversation) => agentText(c).some((t) => /还有其他|感谢您的/.test(t));
    expect(share(byProfile('excellent'), greets)).toBeGreaterThan(share(byProfile('poor'), greets) + 0.3);
    expect(share(byProfile('excellent'), closes)).toBeGreaterThan(share(byProfile('poor'), closes) + 0.3);
  });

  test('risky agents cross red lines and excellent agents never do', () => {
    const redLine = (c: Conversation) =>
      agentText(c).some(
        (t) => /看不懂吗|爱买不买|加我微信|私下|打我电话|打我手机/.test(t) || maskPii(t, 'agent').findings.length > 0,
      );
    expect(share(byProfile('risky'), redLine)).toBeGreaterThan(0.2);
    expect(byProfile('excellent').some(redLine)).toBe(false);
  });

  test('excellent agents get better ratings than poor agents', () => {
    const meanCsat = (cs: Conversation[]) => {
      const rated = cs.filter((c) => c.rating?.csat !== undefined);
      return rated.reduce((s, c) => s + (c.rating?.csat ?? 0), 0) / rated.length;
    };
    expect(meanCsat(byProfile('excellent'))).toBeGreaterThan(meanCsat(byProfile('poor')) + 1);
  });
});
