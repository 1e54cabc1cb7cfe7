/**
 * Hot topics and drivers end to end: conversations imported through the real pipeline (scored,
 * stored), the insights job run in bounded steps until it builds, and its results checked
 * against counts taken straight from the raw collections; then read through the actions.
 */
import { runInsights } from '../../cloudfunctions/common/report.insights';
import { replyTimesMs } from '../../cloudfunctions/core/reports/report.contribution';
import type { DriversView, TopicsView } from '../../cloudfunctions/core/reports/report.insights';
import { callApi, importAsServer, resetStore, TEAM } from './harness';
import { all } from './events.support';

// The job runs at 03:00 China time on 1 December: yesterday is 30 November, the week 24-30
// November against 17-23 November.
const AT = Date.parse('2026-12-01T03:00:00+08:00');
const day = (d: number, hour = 10) => Date.parse(`2026-11-${String(d).padStart(2, '0')}T${hour}:00:00+08:00`);
const S = 1000;

// Answers and raw documents are read loosely, as events.support's `all` gives them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rec = Record<string, any>;
type Ans = { code?: string; data: Rec };
const conv = (id: string, at: number, text: string, over: Rec = {}, firstReplyS = 20) => ({
  id,
  channel: 'import',
  customerId: `c-${id}`,
  agentId: 'kf001',
  messages: [
    { role: 'customer', at, text },
    { role: 'agent', at: at + firstReplyS * S, text: '您好，很高兴为您服务，马上为您查询' },
    { role: 'customer', at: at + firstReplyS * S + 60 * S, text: '好的' },
    {
      role: 'agent',
      at: at + firstReplyS * S + 90 * S,
      text: '已为您处理好了，还有其他可以帮您的吗？感谢您的耐心，祝您生活愉快',
    },
  ],
  ...over,
});

async function seed(): Promise<void> {
  // Previous week: complaints about delivery; this week: about invoices (and delivery less).
  for (let i = 0; i < 6; i++)
    await importAsServer(conv(`p${i}`, day(17 + i), '我的快递三天了还没到', { rating: { csat: 1 } }));
  for (let i = 0; i < 20; i++)
    await importAsServer(
      conv(`c${i}`, day(24 + (i % 7)), '发票开错了，抬头不对', { rating: { csat: 1, resolved: false } }),
    );
  for (let i = 0; i < 2; i++) await importAsServer(conv(`d${i}`, day(25 + i), '快递还没到', { rating: { csat: 2 } }));
  // 210 rated sessions over October and November for the drivers: a slow first reply (5 min)
  // every fourth, mostly rated 2; the rest mostly 5. Two days a week, the other team's agent.
  for (let i = 0; i < 210; i++) {
    const slow = i % 4 === 0;
    const csat = slow ? (i % 8 === 0 ? 2 : 4) : i % 10 === 1 ? 1 : 5;
    const at = Date.parse('2026-10-01T09:00:00+08:00') + i * 6 * 3600 * S;
    await importAsServer(
      conv(`r${i}`, at, '想问一下这款空调的安装费', { rating: { csat, resolved: i % 16 !== 0 } }, slow ? 300 : 20),
    );
  }
  for (let i = 0; i < 5; i++)
    await importAsServer(
      conv(`o${i}`, Date.parse('2026-10-0' + (i + 2) + 'T10:00:00+08:00'), '发票开错了', {
        agentId: 'kf006',
        rating: { csat: 1 },
      }),
    );
}

/** Problem sessions (failed, unresolved, CSAT 1-2) of the team scope `*` in [from, to) whose customer wrote `word`. */
async function problemWith(word: string, from: number, to: number): Promise<string[]> {
  const sessions = (await all('sessions', { status: 'closed' })).filter((s) => s.startedAt >= from && s.startedAt < to);
  const messages = await all('messages');
  return sessions
    .filter((s) => !s.score.passed || s.rating?.resolved === false || (s.rating?.csat ?? 5) <= 2)
    .filter((s) => messages.some((m) => m.sessionId === s._id && m.role === 'customer' && m.text.includes(word)))
    .map((s) => s._id);
}

beforeAll(async () => {
  await resetStore();
  await seed();
}, 120_000);

describe('the insights job', () => {
  it('waits for 02:00 China time', async () => {
    expect(await runInsights(Date.parse('2026-12-01T01:30:00+08:00'))).toEqual({ ran: false, days: [], built: false });
  });

  it('works in bounded steps, newest day first, and builds once every day is there', async () => {
    const steps: string[][] = [];
    for (;;) {
      const run = await runInsights(AT, { budget: 60 });
      steps.push(run.days);
      if (run.built) break;
      expect(run.ran).toBe(true);
      expect(steps.length).toBeLessThan(30);
    }
    expect(steps.length).toBeGreaterThan(2);
    expect(steps[0][0]).toBe('2026-11-30');
    // Done for the day: another run does nothing.
    expect((await runInsights(AT + 3600_000)).ran).toBe(false);
  }, 60_000);

  it('stores topics that match the raw data: invoices rose, delivery did not', async () => {
    const { data } = (await callApi('admin-1', { action: 'reports/topics', window: 'week' })) as {
      data: { insight: TopicsView };
    };
    const t = data.insight;
    expect(t.current.first).toBe('2026-11-24');
    expect(t.previous.first).toBe('2026-11-17');
    const invoice = t.topics.find((x) => x.term === '发票');
    expect(invoice).toBeDefined();
    expect(invoice!.current).toBe((await problemWith('发票', t.current.from, t.current.to)).length);
    expect(invoice!.previous).toBe((await problemWith('发票', t.previous.from, t.previous.to)).length);
    expect(invoice!.z).toBeGreaterThan(1.96);
    expect(t.topics.map((x) => x.term)).not.toContain('快递');
    expect(t.topics.every((x) => x.z >= 1.96 && x.current >= 3)).toBe(true);
    // The sessions behind it: each a problem session whose customer wrote it.
    const drill = (await callApi('admin-1', { action: 'reports/topics', window: 'week', term: '发票' })) as Ans;
    const ids = await problemWith('发票', t.current.from, t.current.to);
    expect(drill.data.sessions.map((s: Rec) => s._id).sort()).toEqual(ids.sort());
  });

  it('stores drivers over 90 days of rated sessions, matching the raw counts', async () => {
    const { data } = (await callApi('insp-1', { action: 'reports/drivers' })) as { data: { insight: DriversView } };
    const d = data.insight;
    const rated = (await all('sessions', { status: 'closed' })).filter(
      (s) => s.rating?.csat !== undefined && s.startedAt >= d.range.from && s.startedAt < d.range.to,
    );
    expect(d.rated).toBe(rated.length);
    const low = d.outcomes.find((o) => o.outcome === 'lowCsat')!;
    expect(low.hidden).toBeUndefined();
    expect(low.n).toBe(rated.length);
    expect(low.events).toBe(rated.filter((s) => s.rating.csat <= 2).length);
    const messages = await all('messages');
    const slow = rated.filter((s) => {
      const ms = messages.filter((m) => m.sessionId === s._id).sort((a, b) => a.at - b.at);
      return replyTimesMs(ms)[0] > 60_000;
    });
    // The behaviour, or the scorecard's first-response rule when it failed on exactly the same
    // sessions (the duplicate is left out of the model).
    const row = low.rows.find((r) => r.feature === 'slowFirst' || r.feature === 'rule:first-response-slow')!;
    expect(low.excluded.filter((f) => f === 'slowFirst' || f === 'rule:first-response-slow')).toHaveLength(
      row.feature === 'slowFirst' ? 0 : 1,
    );
    expect(row.count).toBe(slow.length);
    expect(row.rateWith).toBeCloseTo(slow.filter((s) => s.rating.csat <= 2).length / slow.length, 10);
    expect(row.oddsRatio).toBeGreaterThan(1);
    expect(row.low).toBeLessThan(row.oddsRatio);
    expect(row.high).toBeGreaterThan(row.oddsRatio);
    expect(low.rows.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(low.rSquared, 10);
    expect(d.labels.find((l) => l.feature === row.feature)?.label).toMatch(
      row.feature === 'slowFirst' ? /^首次响应超过60秒$/ : /^规则未通过：.+/,
    );
    // The sessions behind the row: slow first replies with a low CSAT or unresolved.
    const drill = (await callApi('insp-1', { action: 'reports/drivers', feature: row.feature })) as Ans;
    expect(drill.data.sessions.length).toBeGreaterThan(0);
    const slowIds = new Set(slow.map((s) => s._id));
    for (const s of drill.data.sessions) {
      expect(slowIds.has(s._id)).toBe(true);
      expect(s.rating.csat <= 2 || s.rating.resolved === false).toBe(true);
    }
  });

  it('a team under 200 rated sessions is hidden; supervisors read their own team only', async () => {
    const own = (await callApi('sup-1', { action: 'reports/drivers' })) as Ans;
    expect(own.data.scope).toEqual({ team: TEAM });
    expect(own.data.insight.outcomes[0].hidden).toBeUndefined();
    const other = (await callApi('sup-2', { action: 'reports/drivers' })) as Ans;
    expect(other.data.insight.rated).toBe(5);
    expect(other.data.insight.outcomes.map((o: Rec) => o.hidden)).toEqual(['too-few', 'too-few']);
    expect(other.data.insight.outcomes[0].rows).toEqual([]);
    expect(((await callApi('sup-2', { action: 'reports/topics', team: TEAM })) as Ans).code).toBe('AUTH.FORBIDDEN');
    expect(((await callApi('agent-1', { action: 'reports/topics' })) as Ans).code).toBe('AUTH.FORBIDDEN');
  });

  it('running it again from the same data stores the same results', async () => {
    const before = (await callApi('admin-1', { action: 'reports/drivers' })) as Ans;
    const topics = (await callApi('admin-1', { action: 'reports/topics', window: 'month' })) as Ans;
    const again = await runInsights(AT + 7200_000, { force: true });
    expect(again.built).toBe(true);
    const after = (await callApi('admin-1', { action: 'reports/drivers' })) as Ans;
    const topics2 = (await callApi('admin-1', { action: 'reports/topics', window: 'month' })) as Ans;
    const strip = (x: Rec) => ({ ...x, computedAt: 0 });
    expect(strip(after.data.insight)).toEqual(strip(before.data.insight));
    expect(strip(topics2.data.insight)).toEqual(strip(topics.data.insight));
  }, 60_000);
});
