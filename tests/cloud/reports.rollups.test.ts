/**
 * Report rollups against the raw data: after imports (one retried), a live session closed twice,
 * a late rating delivered twice and the nightly recomputation, every figure the rollups hold
 * equals the same figure computed here straight from sessions, messages, scores and alerts;
 * and `reports/overview` answers it per scope.
 */
import { messageEvent, ratingEvent } from '../core/ingest/events.factories';
import { dayKey } from '../../cloudfunctions/core/rollups/rollup.counters';
import {
  nightlyReports,
  recordSessionReport,
  sessionFacts,
  sessionFactsMany,
} from '../../cloudfunctions/common/report.rollups';
import { callApi, importAsServer, store } from './harness';
import { all, batch, resetWithSecrets, signedPost } from './events.support';

// Two China days, noon and evening, well in the past of "now" so the nightly job folds them.
const DAY1 = Date.parse('2026-11-20T12:00:00+08:00');
const DAY2 = Date.parse('2026-11-21T20:00:00+08:00');
const M = 60_000;

type Rec = Record<string, unknown>;
const conv = (id: string, at: number, over: Rec = {}) => ({
  id,
  channel: 'import',
  customerId: `c-${id}`,
  agentId: 'kf001',
  messages: [
    { role: 'customer', at, text: '你好，我的快递三天了还没到' },
    { role: 'agent', at: at + 25_000, text: '您好，很高兴为您服务，马上为您查询物流' },
    { role: 'customer', at: at + 2 * M, text: '好的，谢谢' },
    { role: 'customer', at: at + 3 * M, text: '还在吗' },
    { role: 'agent', at: at + 5 * M, text: '包裹预计明天送达，还有其他可以帮您的吗？感谢您的耐心，祝您生活愉快' },
  ],
  tags: { issueType: '物流', businessLine: '家电' },
  ...over,
});

async function seed(): Promise<void> {
  const imports = [
    conv('a', DAY1, { rating: { csat: 5, nps: 10, resolved: true } }),
    conv('b', DAY1 + 10 * M, { agentId: 'kf006', rating: { csat: 2, nps: 3, resolved: false } }),
    conv('c', DAY1 + 20 * M, { tags: { issueType: '退款' }, rating: { csat: 4, nps: 8 } }),
    conv('d', DAY2, { agentId: 'kf006', messages: [{ role: 'customer', at: DAY2, text: '有人吗，我要投诉' }] }),
    conv('e', DAY2 + 30 * M, { rating: { resolved: true } }),
  ];
  for (const c of imports) await importAsServer(c);
  await importAsServer(imports[1]); // a retried import

  // A live session today: closed twice (a retried close), then rated late, the rating delivered twice.
  const t = Date.now() - 3600_000;
  await signedPost(
    batch([
      messageEvent({ id: 'l1', at: t, customerId: 'live-1', text: '你好，我要退款' }),
      messageEvent({
        id: 'l2',
        at: t + 40_000,
        role: 'agent',
        agentId: 'kf001',
        customerId: 'live-1',
        text: '您好，很高兴为您服务，已为您提交退款',
      }),
    ]),
  );
  const [live] = await all('sessions', { customerId: 'live-1' });
  await callApi('admin-1', { action: 'sessions/close', sessionId: live._id });
  await callApi('admin-1', { action: 'sessions/close', sessionId: live._id });
  const late = batch([ratingEvent({ id: 'late-r', at: t + 10 * M, customerId: 'live-1', csat: 1, resolved: false })]);
  await signedPost(late);
  await signedPost(late);
  await recordSessionReport(live._id); // recording again by hand changes nothing
}

/** The figures computed from the raw collections, independently of the rollup code. */
async function fromRaw(match: (s: Rec) => boolean) {
  const sessions = (await all('sessions', { status: 'closed' })).filter(match);
  const out = {
    sessions: sessions.length,
    messages: 0,
    scoreSum: 0,
    passed: 0,
    csatN: 0,
    csatSum: 0,
    satisfied: 0,
    resolvedN: 0,
    resolvedYes: 0,
    npsN: 0,
    promoters: 0,
    detractors: 0,
    replies: 0,
    replySum: 0,
    firstN: 0,
    firstSum: 0,
    alerts: 0,
  };
  for (const s of sessions) {
    const msgs = (await all('messages', { sessionId: s._id })).sort((a, b) => a.at - b.at);
    out.messages += msgs.length;
    const [score] = await all('scores', { sessionId: s._id });
    out.scoreSum += score.total;
    out.passed += score.passed ? 1 : 0;
    const r = (s.rating ?? {}) as Rec;
    if (typeof r.csat === 'number') {
      out.csatN++;
      out.csatSum += r.csat;
      out.satisfied += r.csat >= 4 ? 1 : 0;
    }
    if (typeof r.resolved === 'boolean') {
      out.resolvedN++;
      out.resolvedYes += r.resolved ? 1 : 0;
    }
    if (typeof r.nps === 'number') {
      out.npsN++;
      out.promoters += r.nps >= 9 ? 1 : 0;
      out.detractors += r.nps <= 6 ? 1 : 0;
    }
    let waiting: number | null = null;
    let first = true;
    for (const m of msgs) {
      if (m.role === 'customer' && waiting === null) waiting = m.at;
      if (m.role === 'agent' && waiting !== null) {
        const sec = Math.round((m.at - waiting) / 1000);
        out.replies++;
        out.replySum += sec;
        if (first) {
          out.firstN++;
          out.firstSum += sec;
          first = false;
        }
        waiting = null;
      }
    }
    out.alerts += (await all('alerts', { sessionId: s._id })).length;
  }
  return out;
}

function rollupFigures(doc: Rec | undefined) {
  const d = (doc ?? {}) as Record<string, Record<string, number> & number>;
  const o = (k: string) => (d[k] ?? {}) as Record<string, number>;
  const sum = (x: Record<string, number> | undefined) => Object.values(x ?? {}).reduce((a, b) => a + b, 0);
  return {
    sessions: (d.sessions as number) ?? 0,
    messages: (d.messages as number) ?? 0,
    scoreSum: o('score').sum ?? 0,
    passed: o('score').passed ?? 0,
    csatN: o('csat').count ?? 0,
    csatSum: o('csat').sum ?? 0,
    satisfied: o('csat').satisfied ?? 0,
    resolvedN: o('resolved').count ?? 0,
    resolvedYes: o('resolved').yes ?? 0,
    npsN: o('nps').count ?? 0,
    promoters: o('nps').promoters ?? 0,
    detractors: o('nps').detractors ?? 0,
    replies: o('reply').count ?? 0,
    replySum: o('reply').sum ?? 0,
    firstN: o('firstResponse').count ?? 0,
    firstSum: o('firstResponse').sum ?? 0,
    alerts: sum(d.alerts as unknown as Record<string, number>),
  };
}

/** Sorted keys, zero counters and empty maps left out. */
function normal(x: unknown): unknown {
  if (!x || typeof x !== 'object') return x;
  const out: Rec = {};
  for (const k of Object.keys(x).sort()) {
    const v = normal((x as Rec)[k]);
    if (v === 0 || (v && typeof v === 'object' && Object.keys(v).length === 0)) continue;
    out[k] = v;
  }
  return out;
}

const rollup = (id: string) => store.findById('reportRollups', id) as Rec | undefined;
const dayOf = (s: Rec) => dayKey(s.startedAt as number);
const days = () => [dayKey(DAY1), dayKey(DAY2), dayKey(Date.now() - 3600_000)];

async function expectRollupsEqualRaw(): Promise<void> {
  const sessions = await all('sessions', { status: 'closed' });
  expect(sessions.length).toBe(6);
  for (const day of days()) {
    const onDay = (s: Rec) => dayOf(s) === day;
    expect([day, rollupFigures(rollup(`d:${day}|*|all|all`))]).toEqual([day, await fromRaw(onDay)]);
    for (const agent of ['kf001', 'kf006']) {
      const mine = (s: Rec) => onDay(s) && s.agentId === agent;
      expect([day, agent, rollupFigures(rollup(`d:${day}|*|agent|${agent}`))]).toEqual([
        day,
        agent,
        await fromRaw(mine),
      ]);
    }
    for (const team of ['售前一组', '售后二组']) {
      const theirs = (s: Rec) => onDay(s) && s.team === team;
      expect([day, team, rollupFigures(rollup(`d:${day}|*|team|${team}`))]).toEqual([day, team, await fromRaw(theirs)]);
      const logistics = (s: Rec) => theirs(s) && s.issueType === '物流';
      expect(rollupFigures(rollup(`d:${day}|${team}|issueType|物流`))).toEqual(await fromRaw(logistics));
    }
  }
}

describe('report rollups equal the raw data', () => {
  beforeAll(async () => {
    await resetWithSecrets();
    await seed();
  });

  it('after a retried import, a retried close and a late rating delivered twice', async () => {
    const [live] = await all('sessions', { customerId: 'live-1' });
    expect(live.score.revision).toBe(1); // the late rating re-scored it once
    expect(live.rating).toMatchObject({ csat: 1, resolved: false });
    await expectRollupsEqualRaw();
  });

  it('recording the same sessions concurrently, as racing retries do, still counts each once', async () => {
    const sessions = await all('sessions', { status: 'closed' });
    // From nothing recorded: two recordings of each session race to add its whole share.
    store.remove('reportRollups', {}, { multi: true });
    store.remove('reportContribs', {}, { multi: true });
    await Promise.all(sessions.flatMap((x) => [recordSessionReport(x._id), recordSessionReport(x._id)]));
    await expectRollupsEqualRaw();
  });

  it('the nightly job reads the same raw facts in batches as recording reads one session at a time', async () => {
    const sessions = await all('sessions', { status: 'closed' });
    const many = await sessionFactsMany(sessions);
    expect(many).toHaveLength(6);
    for (const f of many) {
      const one = await sessionFacts(sessions.find((s) => s._id === f.sessionId));
      expect(JSON.parse(JSON.stringify(f))).toEqual(JSON.parse(JSON.stringify(one)));
    }
  });

  it('the nightly recomputation from raw data leaves the same counters, and running it twice changes nothing', async () => {
    // Counters compared by value: a zero left by a subtraction equals an absent counter.
    const dayDocs = () =>
      store
        .find('reportRollups', { level: 'd' })
        .map((d) => [d._id, normal(d)])
        .filter(([, d]) => (d as Rec).sessions !== undefined)
        .sort();
    const before = JSON.stringify(dayDocs());
    // The nightly job recomputes "the last two days": run it as on the days after DAY1 and DAY2.
    store.remove('reportRollups', { level: 'd', period: dayKey(DAY1), dim: 'all' }, { multi: true }); // lost, to be recomputed
    const first = await nightlyReports(Date.parse('2026-11-22T03:00:00+08:00'), { force: true });
    expect(first).toMatchObject({ ran: true, days: ['2026-11-20', '2026-11-21'], sessions: 5 });
    await nightlyReports(Date.parse('2026-11-23T03:00:00+08:00'), { force: true });
    expect(JSON.stringify(dayDocs())).toBe(before);
    await nightlyReports(Date.parse('2026-11-23T03:00:00+08:00'), { force: true });
    expect(JSON.stringify(dayDocs())).toBe(before);
    await expectRollupsEqualRaw();
  });

  it('week and month documents are the sums of their days; a late change marks its day for the next build', async () => {
    const month = rollupFigures(rollup('m:2026-11|*|all|all'));
    const raw = await fromRaw((s) => dayOf(s) >= '2026-11-01' && dayOf(s) <= '2026-11-22');
    expect(month).toEqual(raw);
    expect(rollupFigures(rollup('w:2026-W47|*|all|all'))).toEqual(
      await fromRaw((s) => dayOf(s) >= '2026-11-16' && dayOf(s) <= '2026-11-22'),
    );
    // A rating for DAY1's session b arrives now: its day is dirty until the next build.
    const [b] = await all('sessions', { customerId: 'c-b' });
    await signedPost(batch([ratingEvent({ id: 'late-b', at: DAY1 + 3600_000, customerId: 'c-b', csat: 5 })]));
    expect(store.findById('reportMeta', `dirty:${dayKey(DAY1)}`)).toBeTruthy();
    expect(rollupFigures(rollup(`d:${dayKey(DAY1)}|*|all|all`))).toEqual(
      await fromRaw((s) => dayOf(s) === dayKey(DAY1)),
    );
    const r = await nightlyReports(Date.now(), { force: true });
    expect(r.periods).toContain('month:2026-11');
    expect(store.findById('reportMeta', `dirty:${dayKey(DAY1)}`)).toBeNull();
    expect(rollupFigures(rollup('m:2026-11|*|all|all'))).toEqual(
      await fromRaw((s) => dayOf(s) >= '2026-11-01' && dayOf(s) <= '2026-11-30'),
    );
    expect(b._id).toBeTruthy();
  });

  it('reports/overview answers the same figures, per scope', async () => {
    const raw = await fromRaw((s) => dayOf(s) === dayKey(DAY1));
    const admin = (await callApi('insp-1', {
      action: 'reports/overview',
      period: 'day',
      key: dayKey(DAY1),
      dim: 'agent',
    })) as {
      ok: true;
      data: {
        total: { figures: { sessions: number; score: { value: number; low: number } } };
        rows: { value: string }[];
      };
    };
    expect(admin.ok).toBe(true);
    expect(admin.data.total.figures.sessions).toBe(raw.sessions);
    expect(admin.data.total.figures.score.value).toBeCloseTo(raw.scoreSum / raw.sessions, 9);
    expect(admin.data.rows.map((r) => r.value).sort()).toEqual(['kf001', 'kf006']);

    const sup = (await callApi('sup-1', {
      action: 'reports/overview',
      period: 'month',
      key: '2026-11',
      dim: 'agent',
    })) as {
      data: { scope: { team: string }; rows: { value: string }[]; total: { figures: { sessions: number } } };
    };
    expect(sup.data.scope.team).toBe('售前一组');
    expect(sup.data.rows.map((r) => r.value)).toEqual(['kf001']);
    expect(sup.data.total.figures.sessions).toBe(
      (await fromRaw((s) => s.team === '售前一组' && dayOf(s) < '2026-12-01')).sessions,
    );

    const agent = (await callApi('agent-1', { action: 'reports/overview', period: 'month', key: '2026-11' })) as {
      data: { scope: { agentId: string }; total: { figures: { sessions: number } } };
    };
    expect(agent.data.scope.agentId).toBe('kf001');
    expect(agent.data.total.figures.sessions).toBe(
      (await fromRaw((s) => s.agentId === 'kf001' && dayOf(s) < '2026-12-01')).sessions,
    );

    const broken = (await callApi('agent-1', { action: 'reports/overview', period: 'month', dim: 'channel' })) as {
      code: string;
    };
    expect(broken.code).toBe('REPORT.BAD_DIMENSION');
    const badKey = (await callApi('insp-1', { action: 'reports/overview', period: 'week', key: '2026-W60' })) as {
      code: string;
    };
    expect(badKey.code).toBe('REPORT.BAD_PERIOD');
  });

  it('reports/trend gives each day of the scope from the rollups, with its drill-down range', async () => {
    const answer = (await callApi('sup-1', {
      action: 'reports/trend',
      period: 'day',
      key: dayKey(DAY2),
      points: 3,
    })) as { ok: true; data: { points: { key: string; sessions: number; period: { from: number; to: number } }[] } };
    expect(answer.data.points.map((p) => p.key)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21']);
    for (const p of answer.data.points) {
      const raw = await fromRaw((s) => s.team === '售前一组' && dayOf(s) === p.key);
      expect([p.key, p.sessions]).toEqual([p.key, raw.sessions]);
      const listed = (await callApi('sup-1', {
        action: 'sessions/list',
        from: p.period.from,
        to: p.period.to,
        team: '售前一组',
        status: 'closed',
      })) as {
        data: { total: number };
      };
      expect(listed.data.total).toBe(raw.sessions); // the drill-down finds the sessions behind the point
    }
  });
});

describe('the nightly job on the sweep timer', () => {
  it('runs once per China day, from 02:00', async () => {
    await resetWithSecrets();
    expect((await nightlyReports(Date.parse('2026-12-05T01:30:00+08:00'))).ran).toBe(false);
    expect((await nightlyReports(Date.parse('2026-12-05T02:10:00+08:00'))).ran).toBe(true);
    expect((await nightlyReports(Date.parse('2026-12-05T23:00:00+08:00'))).ran).toBe(false);
    expect((await nightlyReports(Date.parse('2026-12-06T02:00:00+08:00'))).ran).toBe(true);
  });
});
