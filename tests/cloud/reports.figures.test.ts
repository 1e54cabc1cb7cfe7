/**
 * The report figures known only after a session closed, against raw recomputation: first-contact
 * resolution (a later contact re-records the earlier session, the sweep settles a closed window,
 * the window is a setting), false alarms per alert policy, review figures by inspector (written
 * at submit and again at an appeal decision), and figures that stay the same through a customer's
 * erasure and the retention purge, live and after the nightly recomputation.
 */
import { dayKey } from '../../cloudfunctions/core/rollups/rollup.counters';
import type { StoredAppeal } from '../../cloudfunctions/core/inspection/appeal.model';
import type { StoredReview } from '../../cloudfunctions/core/inspection/review.model';
import { nightlyReports, settleRepeatContacts } from '../../cloudfunctions/common/report.rollups';
import { purgeExpired } from '../../cloudfunctions/common/personal-data.service';
import { callApi, importAsServer, store } from './harness';
import { all, resetWithSecrets } from './events.support';
import { data } from './alerts.support';
import { costlyKeys, scoredSession } from './inspection.support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- store documents of every shape, read loosely
type Rec = Record<string, any>;
const H = 3600_000;
const M = 60_000;
const DAY1 = Date.parse('2026-11-20T10:00:00+08:00');
const iso = (ms: number) => new Date(ms).toISOString();

let n = 0;
/** An imported (so closed and scored) session of a customer, with a resolution answer. */
async function contact(customerId: string, at: number, resolved?: boolean, agentId = 'kf001') {
  const answer = (await importAsServer({
    id: `fcr-${++n}`,
    channel: 'import',
    customerId,
    agentId,
    messages: [
      { role: 'customer', at: iso(at), text: '你好，我的快递还没到' },
      { role: 'agent', at: iso(at + 40_000), text: '您好，很高兴为您服务，马上为您查询' },
      { role: 'customer', at: iso(at + 2 * M), text: '好的' },
      { role: 'agent', at: iso(at + 4 * M), text: '已为您催促，预计明天送达，感谢您的耐心' },
    ],
    ...(resolved === undefined ? {} : { rating: { resolved, csat: resolved ? 5 : 2 } }),
  })) as { ok: boolean; sessionId: string };
  expect(answer.ok).toBe(true);
  return answer.sessionId;
}

const rollup = (id: string): Rec => (store.findById('reportRollups', id) as Rec | undefined) ?? {};
const counter = (doc: Rec, k: string) => ({ count: doc[k]?.count ?? 0, yes: doc[k]?.yes ?? 0 });

/** Repeat contacts and FCR of a day's sessions computed here from the raw sessions, as of `at`. */
async function rawFirstContact(day: string, hours: number, at: number) {
  const everyone = await all('sessions');
  const out = { repeat: { count: 0, yes: 0 }, fcr: { count: 0, yes: 0 } };
  for (const s of everyone.filter((x) => x.status === 'closed' && dayKey(x.startedAt) === day)) {
    const end = s.endedAt + hours * H;
    let repeat: boolean | null;
    if (s.erasedAt) repeat = s.reportKept?.repeatContact ?? null;
    else {
      const later = everyone.some(
        (o) => o._id !== s._id && o.customerId === s.customerId && o.startedAt > s.startedAt && o.startedAt <= end,
      );
      repeat = later ? true : at >= end ? false : null;
    }
    if (repeat === null) continue;
    out.repeat.count++;
    out.repeat.yes += repeat ? 1 : 0;
    if (typeof s.rating?.resolved === 'boolean') {
      out.fcr.count++;
      out.fcr.yes += s.rating.resolved && !repeat ? 1 : 0;
    }
  }
  return out;
}

const rolled = (day: string) => {
  const doc = rollup(`d:${day}|*|all|all`);
  return { repeat: counter(doc, 'repeat'), fcr: counter(doc, 'fcr') };
};

/** Every day document's counters, zeros and empty maps left out, keys sorted. */
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
const dayDocs = () =>
  store
    .find('reportRollups', { level: 'd' })
    .map((d) => [d._id, normal(d)] as [string, Rec])
    .filter(([, d]) => d.sessions !== undefined)
    .sort((a, b) => a[0].localeCompare(b[0]));

/** Day documents without the FCR counters (a window that closes in between settles them). */
const withoutFcr = (docs: [string, Rec][]) => docs.map(([id, d]) => [id, { ...d, repeat: undefined, fcr: undefined }]);

describe('first-contact resolution', () => {
  const day1 = dayKey(DAY1);
  beforeAll(async () => {
    await resetWithSecrets();
    await contact('cx', DAY1, true); // a: cx comes back 8 hours later: a repeat contact
    await contact('cx', DAY1 + 8 * H, true); // b
    await contact('cy', DAY1 + 1 * H, false); // c: not resolved
    await contact('cz', DAY1 + 2 * H, true); // d: cz returns 30 hours later, outside 24 h
    await contact('cz', DAY1 + 32 * H, true); // e (the next day)
    await contact('cn', DAY1 + 3 * H); // f: no resolution answer: a repeat figure, no FCR
  });

  it('the later contact re-records the earlier session; the rollup equals the raw recomputation', async () => {
    const raw = await rawFirstContact(day1, 24, Date.now());
    expect(raw).toEqual({ repeat: { count: 5, yes: 1 }, fcr: { count: 4, yes: 2 } }); // a repeat; b and d resolved first time
    expect(rolled(day1)).toEqual(raw);
    const overview = data(await callApi('insp-1', { action: 'reports/overview', period: 'day', key: day1 }));
    expect(overview.total.figures.fcr).toMatchObject({ k: 2, n: 4, value: 0.5 });
    expect(overview.total.figures.fcr.low).toBeLessThan(0.5);
    expect(overview.total.figures.repeatContact).toMatchObject({ k: 1, n: 5 });
  });

  it('a session inside its window is pending: a new contact makes it a repeat, else the sweep settles it', async () => {
    // Three hours ago and one hour ago on the same China day: between 00:00 and 03:00 China time
    // the first contacts would fall on the day before the return, so the test moves back 3 hours.
    const real = Date.now();
    const now = new Date(real + 8 * H).getUTCHours() < 3 ? real - 3 * H : real;
    const today = dayKey(now - 3 * H);
    const before = rolled(today);
    await contact('cw', now - 3 * H, true); // comes back within the hour below
    await contact('cv', now - 3 * H + 5 * M, true); // does not come back
    expect(rolled(today)).toEqual(before); // both pending: counted in neither figure yet
    expect(rolled(today)).toEqual(await rawFirstContact(today, 24, Date.now()));
    await contact('cw', now - 1 * H, true);
    expect(rolled(today)).toEqual(await rawFirstContact(today, 24, Date.now())); // cw's first: a repeat now
    expect(rolled(today).repeat.yes - before.repeat.yes).toBe(1);

    const later = now + 25 * H;
    expect(await settleRepeatContacts(later)).toBe(2); // cv's and cw's second contact
    expect(await settleRepeatContacts(later)).toBe(0);
    expect(rolled(today)).toEqual(await rawFirstContact(today, 24, later));
    expect(rolled(today).repeat.count - before.repeat.count).toBe(3);
  });

  it('the window is a general setting; the nightly recomputation applies it', async () => {
    data(await callApi('admin-1', { action: 'settings/set', reports: { fcrHours: 48 } }));
    expect(data(await callApi('admin-1', { action: 'settings/get' })).reports).toEqual({ fcrHours: 48 });
    expect((await callApi('admin-1', { action: 'settings/set', reports: { fcrHours: 0 } })) as Rec).toMatchObject({
      code: 'INPUT.INVALID',
    });
    const night = Date.parse('2026-11-22T03:00:00+08:00');
    await nightlyReports(night, { force: true });
    const raw = await rawFirstContact(day1, 48, night);
    expect(raw.repeat).toEqual({ count: 2, yes: 2 }); // a and d (within 48 hours); the others' windows still open
    expect(rolled(day1)).toEqual(raw);
    expect(await settleRepeatContacts(Date.now())).toBe(4); // b, c and f, and e of the next day
    expect(rolled(day1)).toEqual(await rawFirstContact(day1, 48, Date.now()));
    expect(rolled(day1).repeat).toEqual({ count: 5, yes: 2 });
  });
});

describe('erasure and retention keep the report figures', () => {
  beforeAll(async () => {
    await resetWithSecrets();
    await contact('cx', DAY1, true);
    await contact('cx', DAY1 + 8 * H, true);
    await contact('cy', DAY1 + 1 * H, false, 'kf006');
    await contact('cx', Date.now() - 2 * H, true); // its window still open: settles at erasure
  });

  it('erasing a customer changes no counter but a pending FCR, live and after the nightly recomputation', async () => {
    const before = dayDocs();
    const today = dayKey(Date.now() - 2 * H);
    const todayBefore = rolled(today);
    expect(todayBefore.repeat.count).toBe(0); // pending
    const erased = data(await callApi('admin-1', { action: 'customers/erase', customerId: 'cx', confirm: true }));
    expect(erased.messages).toBe(12);
    expect(await all('messages', { sessionId: (await all('sessions', { customerId: 'erased' }))[0]._id })).toEqual([]);

    // The only change: the open window settled as "no repeat contact".
    const settled = dayDocs();
    expect(withoutFcr(settled)).toEqual(withoutFcr(before));
    expect(rolled(today)).toEqual({ repeat: { count: 1, yes: 0 }, fcr: { count: 1, yes: 1 } });
    expect(rolled(dayKey(DAY1))).toEqual(await rawFirstContact(dayKey(DAY1), 24, Date.now()));

    const live = dayDocs();
    await nightlyReports(Date.parse('2026-11-22T03:00:00+08:00'), { force: true }); // recomputes 11-20 and 11-21
    await nightlyReports(Date.now() + 24 * H, { force: true }); // and today
    expect(dayDocs()).toEqual(live);
  });

  it('the retention purge keeps them too', async () => {
    const live = dayDocs();
    data(await callApi('admin-1', { action: 'retention/set', messageDays: 30 }));
    const far = Date.now() + 400 * 24 * H;
    while ((await purgeExpired(far)).messages > 0);
    expect(await all('messages')).toEqual([]);
    await nightlyReports(Date.parse('2026-11-22T03:00:00+08:00'), { force: true });
    await nightlyReports(Date.now() + 24 * H, { force: true });
    expect(dayDocs()).toEqual(live);
  });
});

describe('false alarms per alert policy', () => {
  beforeAll(() => resetWithSecrets());

  it('marking an alert a false alarm records its session again; the share carries a Wilson interval', async () => {
    const a = await scoredSession('kf001');
    const b = await scoredSession('kf001');
    const alerts = [
      ...(await all('alerts', { sessionId: a.session._id })),
      ...(await all('alerts', { sessionId: b.session._id })),
    ];
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    const day = dayKey(a.session.startedAt);
    const policy = alerts[0].policy as string;
    data(await callApi('admin-1', { action: 'alerts/transition', alertId: alerts[0]._id, to: 'false-alarm' }));

    const raw = async () => {
      const stored = (await all('alerts')).filter((x) => x.policy === policy);
      return { n: stored.length, k: stored.filter((x) => x.status === 'false-alarm').length };
    };
    const doc = rollup(`d:${day}|*|all|all`);
    expect({ n: doc.alerts[policy], k: doc.falseAlarms[policy] }).toEqual(await raw());
    const overview = data(await callApi('insp-1', { action: 'reports/overview', period: 'day', key: day }));
    const share = overview.total.figures.falseAlarmShare[policy];
    expect(share).toMatchObject(await raw());
    expect(share.low).toBeGreaterThan(0);
    expect(share.high).toBeLessThanOrEqual(1);

    // Another policy's alert acknowledged: no false alarm counted for it.
    const other = alerts.find((x) => x._id !== alerts[0]._id)!;
    data(await callApi('admin-1', { action: 'alerts/transition', alertId: other._id, to: 'acknowledged' }));
    await nightlyReports(Date.now() + 24 * H, { force: true });
    const again = rollup(`d:${day}|*|all|all`);
    expect({ n: again.alerts[policy], k: again.falseAlarms[policy] }).toEqual(await raw());
  });
});

describe('review figures by inspector', () => {
  beforeAll(() => resetWithSecrets());

  it('are written at submit and at an appeal decision, equal the raw reviews, and are scoped', async () => {
    const s = await scoredSession('kf001');
    const { review } = data<{ review: StoredReview }>(
      await callApi('insp-1', { action: 'reviews/open', sessionId: s.session._id }),
    );
    // Every hit but one judged false (the red line too): the inspected score passes where the machine failed it.
    const keys = costlyKeys(s.score);
    const kept = keys.find((k) => k.startsWith('closing-missing'))!;
    for (const key of keys.filter((k) => k !== kept))
      data(await callApi('insp-1', { action: 'reviews/verdict', reviewId: review._id, key, verdict: 'rejected' }));
    const day = dayKey(s.session.startedAt);
    expect(rollup(`d:${day}|*|inspector|insp-1`).review).toBeUndefined(); // a draft counts nowhere
    data(await callApi('insp-1', { action: 'reviews/submit', reviewId: review._id }));

    const raw = async () => {
      const [r] = (await all('reviews', { sessionId: s.session._id })) as StoredReview[];
      const inspected = r.finalScore ?? r.manual!;
      const appeals = (await all('appeals', { reviewId: r._id })) as StoredAppeal[];
      const items = appeals.flatMap((x) => x.items).filter((i) => i.status !== 'pending');
      return {
        count: 1,
        sum: inspected.total,
        diffSum: inspected.total - s.score.total,
        overturned: inspected.passed !== s.score.passed ? 1 : 0,
        appealItems: items.length,
        appealOverturned: items.filter((i) => i.status === 'overturned' || i.status === 'partly').length,
      };
    };
    const rolledReview = (id: string) => {
      const r = rollup(id).review ?? {};
      const fields = ['count', 'sum', 'diffSum', 'overturned', 'appealItems', 'appealOverturned'];
      return Object.fromEntries(fields.map((k) => [k, r[k] ?? 0])); // a counter never added is absent
    };
    const afterSubmit = await raw();
    expect(afterSubmit.diffSum).toBeGreaterThan(0); // the rejected hit gave points back
    expect(afterSubmit.overturned).toBe(1);
    expect(rolledReview(`d:${day}|*|inspector|insp-1`)).toEqual(afterSubmit);
    expect(rolledReview(`d:${day}|售前一组|inspector|insp-1`)).toEqual(afterSubmit);
    expect(rolledReview(`d:${day}|*|all|all`)).toEqual(afterSubmit);

    const remaining = [kept];
    const { appeal } = data<{ appeal: StoredAppeal }>(
      await callApi('agent-1', {
        action: 'appeals/file',
        reviewId: review._id,
        items: [{ key: remaining[0], reason: '客户先动怒' }],
      }),
    );
    data(
      await callApi('sup-1', {
        action: 'appeals/decide',
        appealId: appeal._id,
        key: remaining[0],
        outcome: 'overturned',
      }),
    );
    const afterAppeal = await raw();
    expect(afterAppeal).toMatchObject({ appealItems: 1, appealOverturned: 1 });
    expect(afterAppeal.sum).toBeGreaterThan(afterSubmit.sum);
    expect(rolledReview(`d:${day}|*|inspector|insp-1`)).toEqual(afterAppeal);
    const live = dayDocs();
    await nightlyReports(Date.now() + 24 * H, { force: true }); // recomputes today (its FCR window closed by then)
    expect(withoutFcr(dayDocs())).toEqual(withoutFcr(live));

    // Scope: an inspector reads only their own row; a supervisor their team's; an agent none.
    const mine = data(
      await callApi('insp-1', { action: 'reports/overview', period: 'day', key: day, dim: 'inspector' }),
    );
    expect(mine.rows.map((r: Rec) => r.value)).toEqual(['insp-1']);
    expect(mine.rows[0].figures.review).toMatchObject({ n: 1, appealOverturn: { k: 1, n: 1 } });
    expect(mine.rows[0].figures.review.difference.value).toBe(afterAppeal.diffSum);
    const own = data(
      await callApi('insp-1', { action: 'reports/overview', period: 'day', key: day, inspectorId: 'insp-1' }),
    );
    expect(own.scope).toEqual({ inspectorId: 'insp-1' });
    expect(own.total.figures.review.n).toBe(1);
    expect(await callApi('insp-1', { action: 'reports/overview', period: 'day', inspectorId: 'insp-2' })).toMatchObject(
      {
        code: 'AUTH.FORBIDDEN',
      },
    );
    const team = data(
      await callApi('sup-1', { action: 'reports/overview', period: 'day', key: day, dim: 'inspector' }),
    );
    expect(team.rows.map((r: Rec) => r.value)).toEqual(['insp-1']);
    expect(
      await callApi('sup-2', { action: 'reports/overview', period: 'day', key: day, inspectorId: 'insp-1' }),
    ).toMatchObject({
      ok: true,
      data: { total: { figures: { review: { n: 0 } } } },
    });
    expect(
      await callApi('agent-1', { action: 'reports/overview', period: 'day', inspectorId: 'insp-1' }),
    ).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('rankings', () => {
  beforeAll(async () => {
    await resetWithSecrets();
    for (let i = 0; i < 3; i++) await contact(`r${i}`, DAY1 + i * H, true, 'kf001');
    await contact('r9', DAY1 + 5 * H, false, 'kf006');
  });

  it('rank the agents of a scope from the rollups; samples under 30 are listed unranked', async () => {
    const answer = data(
      await callApi('admin-1', { action: 'reports/ranking', period: 'month', key: '2026-11', metric: 'score' }),
    );
    expect(answer).toMatchObject({ dim: 'agent', metric: 'score', higherIsBetter: true, minN: 30 });
    const sessions = await all('sessions', { status: 'closed' });
    const count = (agentId: string) => sessions.filter((s) => s.agentId === agentId).length;
    expect(answer.rows.map((r: Rec) => [r.value, r.n, r.rank, r.small])).toEqual([
      ['kf001', count('kf001'), null, true],
      ['kf006', count('kf006'), null, true],
    ]);
    const kf001 = sessions.filter((s) => s.agentId === 'kf001');
    const mean = kf001.reduce((t, s) => t + s.score.total, 0) / kf001.length;
    expect(answer.rows[0].estimate).toBeCloseTo(mean, 9);
  });

  it('a supervisor ranks their own team’s agents only, and no teams', async () => {
    const mine = data(await callApi('sup-1', { action: 'reports/ranking', period: 'month', key: '2026-11' }));
    expect(mine.team).toBe('售前一组');
    expect(mine.rows.map((r: Rec) => r.value)).toEqual(['kf001']);
    expect(await callApi('sup-1', { action: 'reports/ranking', period: 'month', dim: 'team' })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    const teams = data(
      await callApi('insp-1', { action: 'reports/ranking', period: 'month', key: '2026-11', dim: 'team' }),
    );
    expect(teams.rows.map((r: Rec) => r.value).sort()).toEqual(['售前一组', '售后二组']);
    expect(await callApi('agent-1', { action: 'reports/ranking', period: 'month' })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('a customer who keeps coming back', () => {
  beforeAll(() => resetWithSecrets());

  it('re-records only the earlier sessions that are not repeat contacts yet', async () => {
    const now = Date.now();
    const first = await contact('ck', now - 6 * H, true);
    const second = await contact('ck', now - 4 * H, true);
    const recordedAt = (id: string) => (store.findById('reportContribs', id) as Rec).recordedAt;
    const firstAt = recordedAt(first);
    const secondAt = recordedAt(second);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await contact('ck', now - 2 * H, true);
    // The first was made a repeat contact by the second; the third makes the second one.
    expect(recordedAt(first)).toBe(firstAt);
    expect(recordedAt(second)).toBeGreaterThan(secondAt);
    const today = dayKey(now - 6 * H);
    expect(rolled(today)).toEqual(await rawFirstContact(today, 24, Date.now()));
  });
});
