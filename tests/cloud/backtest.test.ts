/**
 * The back-test on a fixed corpus (backtest.support.ts), through the real `api` router, the
 * real scoring path and the local store: flips, change per agent and team, alert volume,
 * per-rule precision and recall against stored verdicts, a chunked replay that resumes after
 * an interruption without counting anything twice, staleness after a draft edit, the timer.
 */
import type { BacktestAnswer, BacktestJob } from '../../cloudfunctions/core/backtest/backtest.job';
import {
  commitChunk,
  computeChunk,
  startBacktest,
  advanceBacktest,
} from '../../cloudfunctions/common/backtest.service';
import { getBacktest } from '../../cloudfunctions/common/backtests.repository';
import { data, inStore, customerSays } from './alerts.support';
import { corpusDraft, DRAFT_TOTAL, importKind, LIVE_TOTAL, putDraft, reviewWith, type Kind } from './backtest.support';
import { callApi, db, resetStore, runSweep } from './harness';

interface Corpus {
  ids: Record<string, Kind>;
  bare1: string;
  complain1: string;
}

/** 9 sessions in the last 7 days, 2 more within 30, one still open. */
async function seedCorpus(): Promise<Corpus> {
  await resetStore();
  const ids: Record<string, Kind> = {};
  const add = async (kind: Kind, agentId: string, daysAgo: number) => {
    const s = await importKind(kind, agentId, daysAgo);
    expect(s.score.total).toBe(LIVE_TOTAL[kind]);
    ids[s.session._id] = kind;
    return s;
  };
  await add('good', 'kf001', 1);
  await add('good', 'kf001', 2);
  const bare1 = await add('bare', 'kf001', 3);
  await add('bare', 'kf001', 4);
  await add('nogreet', 'kf001', 5);
  await add('rude', 'kf006', 1);
  const complain1 = await add('complain', 'kf006', 2);
  await add('complain', 'kf006', 6);
  await add('nogreet', 'kf006', 3);
  await add('good', 'kf001', 10);
  await add('bare', 'kf006', 20);
  await customerSays('你好，在吗');
  await reviewWith(bare1, { 'greeting-missing': 'rejected', 'closing-missing': 'confirmed' });
  await reviewWith(complain1, { 'greeting-missing': 'confirmed', 'complaint-risk': 'rejected' }, [
    { ruleId: 'closing-missing', messageIndex: 3 },
  ]);
  await putDraft(corpusDraft(), Date.now() - 60_000);
  return { ids, bare1: bare1.session._id, complain1: complain1.session._id };
}

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('back-test on a fixed corpus', () => {
  let corpus: Corpus;
  let answer: BacktestAnswer;

  beforeAll(async () => {
    corpus = await seedCorpus();
    answer = data<BacktestAnswer>(
      await callApi('admin-1', { action: 'backtests/start', scorecardId: 'default', days: 7 }),
    );
  });

  it('replays the sessions of the window in one call and finishes', () => {
    expect(answer.job).toMatchObject({
      scorecardId: 'default',
      days: 7,
      status: 'done',
      total: 9,
      processed: 9,
      outOfScope: 0,
      failed: 0,
      progress: 1,
      draftVersion: 10,
      live: { id: 'default', version: 9 },
    });
    expect(answer.report.sessions).toBe(9);
    expect(answer.stale).toBe(false);
  });

  it('lists the sessions whose pass/fail flips, with both totals, biggest change first', () => {
    const { flips } = answer.report;
    expect(flips).toMatchObject({ count: 4, toFail: 2, toPass: 2 });
    const kinds = flips.listed.map((f) => corpus.ids[f.sessionId]);
    expect(kinds).toEqual(['bare', 'bare', 'complain', 'complain']);
    for (const f of flips.listed) {
      const kind = corpus.ids[f.sessionId];
      expect(f.live).toEqual({ total: LIVE_TOTAL[kind], passed: LIVE_TOTAL[kind] >= 80 });
      expect(f.draft).toEqual({ total: DRAFT_TOTAL[kind], passed: DRAFT_TOTAL[kind] >= 80 });
    }
  });

  it('averages the change per agent and per team', () => {
    // kf001: good 0, good 0, bare −15, bare −15, nogreet +5 → −5; kf006: rude 0, complain +5 +5, nogreet +5 → 3.75.
    const kf001 = answer.report.byAgent.find((a) => a.key === 'kf001')!;
    const kf006 = answer.report.byAgent.find((a) => a.key === 'kf006')!;
    expect([kf001.n, kf001.mean]).toEqual([5, -5]);
    expect([kf006.n, kf006.mean]).toEqual([4, 3.75]);
    expect(kf001.low!).toBeLessThan(-5);
    expect(kf001.high!).toBeGreaterThan(-5);
    expect(answer.report.byTeam.map((t) => [t.key, t.n, t.mean])).toEqual([
      ['售前一组', 5, -5],
      ['售后二组', 4, 3.75],
    ]);
    expect(answer.report.change.n).toBe(9);
    expect(answer.report.change.mean).toBeCloseTo(-10 / 9, 9);
  });

  it('counts the alerts each version would raise, per day', () => {
    // Live: the rude session's red line, the two complaints below 80. Draft: the red line, the two bare sessions.
    expect(answer.report.alertsPerDay.byPolicy).toEqual([
      { policy: 'red-line', liveCount: 1, draftCount: 1, live: 0.14, draft: 0.14 },
      { policy: 'score-low', liveCount: 2, draftCount: 2, live: 0.29, draft: 0.29 },
    ]);
    expect(answer.report.alertsPerDay).toMatchObject({ live: 0.43, draft: 0.43 });
  });

  it('gives each rule precision and recall of both versions against the stored verdicts', () => {
    expect(answer.report.reviewed).toBe(2);
    const rule = (id: string) => answer.report.rules.find((r) => r.ruleId === id)!;
    // greeting-missing: live right once (confirmed), wrong once (rejected); the draft, with the rule off, misses the confirmed one.
    expect(rule('greeting-missing').live).toMatchObject({
      tp: 1,
      fp: 1,
      fn: 0,
      precision: { k: 1, n: 2, estimate: 0.5 },
    });
    expect(rule('greeting-missing').draft).toMatchObject({ tp: 0, fp: 0, fn: 1, recall: { k: 0, n: 1, estimate: 0 } });
    expect(rule('greeting-missing').draft.precision).toMatchObject({ n: 0, estimate: null });
    // closing-missing: confirmed on the bare session, added (missed) on the complaint: the same for both versions.
    for (const v of ['live', 'draft'] as const) {
      expect(rule('closing-missing')[v]).toMatchObject({ tp: 1, fp: 0, fn: 1, recall: { k: 1, n: 2, estimate: 0.5 } });
      expect(rule('complaint-risk')[v]).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: { k: 0, n: 1 } });
    }
    expect(answer.report.rules.map((r) => r.ruleId)).toEqual(['closing-missing', 'complaint-risk', 'greeting-missing']);
  });

  it('reads the job back (get, latest) and marks it stale once the draft is edited', async () => {
    const got = data<BacktestAnswer>(await callApi('admin-1', { action: 'backtests/get', jobId: answer.job._id }));
    expect(got.report).toEqual(answer.report);
    const latest = data<BacktestAnswer>(
      await callApi('admin-1', { action: 'backtests/latest', scorecardId: 'default' }),
    );
    expect(latest.job._id).toBe(answer.job._id);
    expect(latest.stale).toBe(false);
    expect(latest.draftUpdatedAt).toBe(answer.job.draftUpdatedAt);

    const edited = Date.now();
    await putDraft(corpusDraft(), edited);
    const after = data<BacktestAnswer>(
      await callApi('admin-1', { action: 'backtests/latest', scorecardId: 'default' }),
    );
    expect(after).toMatchObject({ stale: true, draftUpdatedAt: edited });
    expect(data(await callApi('admin-1', { action: 'backtests/latest', scorecardId: 'other' }))).toEqual({ job: null });
  });

  it('audits the start with what was replayed', async () => {
    expect(await inStore('auditLog', { entity: 'backtest' })).toEqual([
      expect.objectContaining({
        by: 'admin-1',
        entityId: answer.job._id,
        action: 'start',
        before: null,
        after: expect.objectContaining({ scorecardId: 'default', days: 7, draftVersion: 10, status: 'done' }),
      }),
    ]);
  });

  it('refuses a scorecard without a draft, an unknown job and bad days with stable codes', async () => {
    expect(await callApi('admin-1', { action: 'backtests/start', scorecardId: 'nosuch', days: 7 })).toMatchObject({
      ok: false,
      code: 'BACKTEST.NO_DRAFT',
    });
    expect(await callApi('admin-1', { action: 'backtests/get', jobId: 'bt_nosuch' })).toMatchObject({
      ok: false,
      code: 'BACKTEST.NOT_FOUND',
    });
    expect(await callApi('admin-1', { action: 'backtests/start', scorecardId: 'default', days: 0 })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
});

describe('chunked replay', () => {
  beforeAll(async () => {
    await seedCorpus();
  });

  async function runToEnd(job: BacktestJob, limit: number): Promise<BacktestJob> {
    let current = job;
    for (let i = 0; i < 50 && current.status === 'running'; i++) current = await advanceBacktest(current, { limit });
    return current;
  }

  it('gives the same result in chunks of 3 as in one chunk, each session once', async () => {
    const whole = await runToEnd(await startBacktest('default', 30, 'admin-1', Date.now()), 100);
    const chunked = await runToEnd(await startBacktest('default', 30, 'admin-1', Date.now() + 1), 3);
    expect(whole.aggregate.sessions).toBe(11);
    expect(chunked.chunks).toBe(4);
    expect(plain(chunked.aggregate)).toEqual(plain(whole.aggregate));
    expect([chunked.processed, chunked.total, chunked.status]).toEqual([11, 11, 'done']);
  });

  it('resumes after a chunk dies before its write: only that chunk is redone, nothing counted twice', async () => {
    const reference = await runToEnd(await startBacktest('default', 30, 'admin-1', Date.now() + 2), 100);
    let job = await startBacktest('default', 30, 'admin-1', Date.now() + 3);
    job = await advanceBacktest(job, { limit: 4 });
    expect([job.chunks, job.processed]).toEqual([1, 4]);

    // The second chunk is computed, then the instance dies before committing it.
    await computeChunk(job, { limit: 4 });
    const stored = (await getBacktest(job._id))!;
    expect([stored.chunks, stored.processed, stored.cursor]).toEqual([1, 4, job.cursor]);

    // The next call (a poll, the timer) redoes that chunk from the stored cursor.
    const resumed = await runToEnd(stored, 4);
    expect(resumed.chunks).toBe(3);
    expect(resumed.processed).toBe(11);
    expect(plain(resumed.aggregate)).toEqual(plain(reference.aggregate));
  });

  it('commits a chunk once when two runs race on it (the timer and a poll)', async () => {
    const job = await startBacktest('default', 30, 'admin-1', Date.now() + 4);
    const [a, b] = [await computeChunk(job, { limit: 5 }), await computeChunk(job, { limit: 5 })];
    expect(await commitChunk(job, a)).toBe(true);
    expect(await commitChunk(job, b)).toBe(false);
    const stored = (await getBacktest(job._id))!;
    expect([stored.chunks, stored.processed, stored.aggregate.sessions]).toEqual([1, 5, 5]);
  });

  it('audits the end of a job once, by whichever caller committed its last chunk', async () => {
    const job = await startBacktest('default', 30, 'admin-1', Date.now() + 7);
    const done = await runToEnd(job, 4);
    // A late poll of the finished job changes nothing and writes nothing.
    await advanceBacktest(done, { limit: 4 });
    expect(await inStore('auditLog', { entity: 'backtest', entityId: job._id })).toEqual([
      expect.objectContaining({
        by: 'admin-1',
        action: 'finish',
        before: { status: 'running' },
        after: expect.objectContaining({ status: 'done', processed: 11, chunks: 3 }),
      }),
    ]);
  });

  it('stops a chunk at its time budget and goes on from there', async () => {
    let t = 0;
    const clock = () => (t += 500); // every look at the clock: half a second later
    const job = await startBacktest('default', 30, 'admin-1', Date.now() + 5);
    const out = await computeChunk(job, { limit: 100, budgetMs: 1200, clock });
    expect(out.sessions).toBeGreaterThan(0);
    expect(out.sessions).toBeLessThan(11);
    expect(await commitChunk(job, out)).toBe(true);
    const rest = await runToEnd((await getBacktest(job._id))!, 100);
    expect(rest.processed).toBe(11);
    expect(rest.aggregate.sessions).toBe(11);
  });

  it('is continued by the sweep timer', async () => {
    const job = await startBacktest('default', 30, 'admin-1', Date.now() + 6);
    expect(job.chunks).toBe(0);
    // Each run advances the least recently advanced running job by one chunk (the race test left one).
    const running = async () => (await inStore<BacktestJob>('backtests', { status: 'running' })).length;
    const before = await running();
    expect(before).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < before + 1; i++) await runSweep();
    const after = (await getBacktest(job._id))!;
    expect([after.status, after.chunks, after.aggregate.sessions]).toEqual(['done', 1, 11]);
  });

  it('walks sessions that started at the same instant across chunk boundaries once each', async () => {
    const at = Date.now() - 12 * 86_400_000;
    const twins = [];
    for (let i = 0; i < 5; i++) twins.push((await importKind('bare', 'kf001', 0, `-twin${i}`, at)).session);
    expect(new Set(twins.map((s) => s.startedAt)).size).toBe(1);
    const job = await runToEnd(await startBacktest('default', 30, 'admin-1', Date.now() + 8), 2);
    expect(job.processed).toBe(16);
    expect(job.aggregate.sessions).toBe(16);
    // Every twin flips to fail, each once.
    const flipped = job.aggregate.flips.listed.map((f) => f.sessionId);
    for (const s of twins) expect(flipped.filter((id) => id === s._id)).toHaveLength(1);
    expect(job.aggregate.flips.toFail).toBe(2 + 1 + 5);
  });

  it('stops a job whose live version is gone, with the reason', async () => {
    const job = await startBacktest('default', 30, 'admin-1', Date.now() + 9);
    await db()
      .collection('backtests')
      .doc(job._id)
      .update({ data: { live: { id: 'default', version: 99 } } });
    const after = await advanceBacktest((await getBacktest(job._id))!);
    expect([after.status, after.error, after.chunks]).toEqual(['failed', 'SCORECARD.NOT_FOUND', 0]);
  });

  it('skips sessions outside the draft scope', async () => {
    const scoped = { ...corpusDraft(), id: 'wechat-only', scope: { channels: ['wechat' as const] } };
    await putDraft(scoped, Date.now());
    const job = await runToEnd(await startBacktest('wechat-only', 30, 'admin-1', Date.now() + 7), 100);
    // Live: no published `wechat-only` yet, so the shipped default.
    expect(job.live).toEqual({ id: 'default', version: 9 });
    expect([job.processed, job.outOfScope, job.aggregate.sessions]).toEqual([16, 16, 0]);
  });
});
