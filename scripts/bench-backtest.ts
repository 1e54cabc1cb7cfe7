/**
 * The back-test of a scorecard draft over 10,000 stored sessions, chunk by chunk, through the
 * real `api` router (backtests/start, then backtests/get until done, as the screen polls) on a
 * file store with the project's indexes, as `npm start` runs it:
 *   npm run bench:backtest -- [sessions=10000] [templates=500]
 * `templates` demo conversations go through the real import (masked, stored, closed, scored),
 * then are copied with new session, message and customer ids (times shifted by minutes) up to
 * `sessions`; 5% of the sessions get a submitted review with verdicts. The draft turns
 * greeting-missing off and makes closing-missing cost 25. Prints per-chunk times (median,
 * p95, max: each must stay well under the 3 s default function timeout), sessions per second
 * and the total, then one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore, KEFU_INDEXES } from '../devcloud/store/document.store';
import { bindCloud, runWithContext } from '../devcloud/sdk/cloud.binding';
import { generateDemo } from '../devcloud/demo/demo.generator';
import { SERVER_SOURCE } from '../cloudfunctions/core/ingest/caller.policy';
import { DEFAULT_SCORECARD, draftFrom } from '../cloudfunctions/core/scoring';
import { hitKey } from '../cloudfunctions/core/inspection/review.model';
import type { BacktestAnswer } from '../cloudfunctions/core/backtest/backtest.job';
import type { StoredScore } from '../cloudfunctions/core/model';

const NOW = Date.now();
const DAYS = 90;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A deterministic pseudo-random stream: every run builds the same reviews. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function main(): Promise<void> {
  const [count = 10_000, templates = 500] = process.argv.slice(2).map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-backtest-'));
  const store = DocumentStore.open(join(dir, 'bench.db'), { indexes: KEFU_INDEXES });
  const binding = bindCloud(store);
  // Imported after binding: the functions' `cloud.init` must meet the local cloud.
  const ingest = await import('../cloudfunctions/ingest');
  const api = await import('../cloudfunctions/api');
  try {
    const seeded = performance.now();
    const { users, conversations } = generateDemo({ seed: 20261206, now: NOW - 3_600_000, conversations: templates });
    await runWithContext({ SOURCE: 'bench' }, async () => {
      for (const { _id, ...rest } of users) await binding.db().collection('users').doc(_id).set({ data: rest });
      await binding
        .db()
        .collection('users')
        .doc('bench-admin')
        .set({ data: { role: 'admin', name: '基准管理员' } });
    });
    for (const conversation of conversations) {
      await runWithContext({ SOURCE: SERVER_SOURCE }, () => ingest.main({ kind: 'import-conversation', conversation }));
    }
    const imported = performance.now();

    // Copies: the same stored shapes under new ids, a few minutes later each time.
    const sessions = store.find('sessions', { status: 'closed' });
    const messages = store.find('messages', {});
    const scores = store.find('scores', {});
    const messagesOf = new Map<string, typeof messages>();
    for (const m of messages) messagesOf.set(String(m.sessionId), [...(messagesOf.get(String(m.sessionId)) ?? []), m]);
    const scoreOf = new Map(scores.map((s) => [String(s.sessionId), s]));
    const shift = <T extends Record<string, unknown>>(doc: T, keys: string[], by: number): T => {
      const out: Record<string, unknown> = { ...doc };
      for (const k of keys) if (typeof out[k] === 'number') out[k] = (out[k] as number) + by;
      return out as T;
    };
    let total = sessions.length;
    for (let copy = 1; total < count; copy++) {
      const newSessions = [];
      const newMessages = [];
      const newScores = [];
      for (const s of sessions) {
        if (total >= count) break;
        const by = copy * 60_000;
        const id = `${s._id}~${copy}`;
        newSessions.push({
          ...shift(s, ['startedAt', 'lastAt', 'endedAt', 'lastAgentAt'], by),
          _id: id,
          customerId: `${s.customerId}~${copy}`,
        });
        for (const m of messagesOf.get(String(s._id)) ?? []) {
          newMessages.push({ ...shift(m, ['at'], by), _id: `${m._id}~${copy}`, sessionId: id });
        }
        const sc = scoreOf.get(String(s._id));
        if (sc) newScores.push({ ...shift(sc, ['scoredAt'], by), _id: `${sc._id}~${copy}`, sessionId: id });
        total++;
      }
      store.insert('sessions', newSessions);
      store.insert('messages', newMessages);
      store.insert('scores', newScores);
    }
    // Reviews on 5% of the sessions: each automatic hit confirmed (80%) or rejected.
    const r = rng(7);
    const reviews = [];
    for (const sc of store.find('scores', {}) as unknown as StoredScore[]) {
      if (r() >= 0.05 || sc.hits.length === 0) continue;
      reviews.push({
        _id: `rv_${sc.sessionId}_bench-insp`,
        sessionId: sc.sessionId,
        inspectorId: 'bench-insp',
        scorecardId: sc.scorecardId,
        scorecardVersion: sc.scorecardVersion,
        status: 'submitted',
        verdicts: sc.hits.map((h) => ({
          key: hitKey(h),
          ruleId: h.ruleId,
          ruleVersion: h.ruleVersion,
          verdict: r() < 0.8 ? 'confirmed' : 'rejected',
        })),
        added: [],
        annotations: [],
        createdAt: sc.scoredAt,
        updatedAt: sc.scoredAt,
        submittedAt: sc.scoredAt,
      });
    }
    store.insert('reviews', reviews);
    const draft = draftFrom(DEFAULT_SCORECARD);
    for (const section of draft.sections) {
      for (const rule of section.rules) {
        if (rule.id === 'greeting-missing') rule.enabled = false;
        if (rule.id === 'closing-missing') rule.points = -25;
      }
    }
    store.insert('scorecards', [{ _id: 'draft:default', ...draft, updatedAt: NOW, updatedBy: 'bench-admin' }]);
    const seedSeconds = (performance.now() - seeded) / 1000;
    console.log(
      `seeded ${total} closed sessions (${templates} imported in ${((imported - seeded) / 1000).toFixed(1)} s, ` +
        `the rest copied), ${reviews.length} reviews, in ${seedSeconds.toFixed(1)} s`,
    );

    const call = (data: Record<string, unknown>) =>
      runWithContext({ OPENID: 'bench-admin', SOURCE: 'wx_client' }, () => api.main(data)) as Promise<{
        ok: boolean;
        data: BacktestAnswer;
        message?: string;
      }>;
    const callTimes: number[] = [];
    const chunkTimes: number[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let t = performance.now();
    let answer = await call({ action: 'backtests/start', scorecardId: 'default', days: DAYS });
    callTimes.push(performance.now() - t);
    if (!answer.ok) throw new Error(`start failed: ${answer.message}`);
    const jobId = answer.data.job._id;
    while (answer.ok && answer.data.job.status === 'running') {
      t = performance.now();
      answer = await call({ action: 'backtests/get', jobId });
      callTimes.push(performance.now() - t);
      if (answer.ok) chunkTimes.push(answer.data.job.lastChunkMs);
    }
    const totalSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (!answer.ok) throw new Error(`get failed: ${answer.message}`);
    const { job, report } = answer.data;
    const sorted = [...callTimes].sort((a, b) => a - b);
    const result = {
      bench: 'backtest',
      sessions: job.processed,
      replayed: report.sessions,
      reviewed: report.reviewed,
      chunks: job.chunks,
      calls: callTimes.length,
      totalSeconds: Math.round(totalSeconds * 10) / 10,
      sessionsPerSecond: Math.round(job.processed / totalSeconds),
      callMs: {
        median: Math.round(quantile(sorted, 0.5)),
        p95: Math.round(quantile(sorted, 0.95)),
        max: Math.round(sorted[sorted.length - 1]),
      },
      chunkMs: (() => {
        const c = [...chunkTimes].sort((a, b) => a - b);
        return {
          median: Math.round(quantile(c, 0.5)),
          p95: Math.round(quantile(c, 0.95)),
          max: Math.round(c[c.length - 1]),
        };
      })(),
      cpuSeconds: Math.round(cpuSeconds * 10) / 10,
      cpuMsPerSession: Math.round((cpuSeconds * 1e5) / job.processed) / 100,
      flips: report.flips.count,
      loadavg1: Math.round(loadavg()[0] * 100) / 100,
    };
    console.log(
      `replayed ${result.replayed} of ${result.sessions} sessions in ${result.chunks} chunks, ${result.calls} calls: ` +
        `${result.totalSeconds} s, ${result.sessionsPerSecond} sessions/s`,
    );
    console.log(
      `per call (one chunk, router included): median ${result.callMs.median} ms, p95 ${result.callMs.p95} ms, ` +
        `max ${result.callMs.max} ms; longest chunk inside: ${job.maxChunkMs} ms`,
    );
    console.log(
      `chunk inside the function (reads + replay): median ${result.chunkMs.median} ms, p95 ${result.chunkMs.p95} ms; ` +
        `CPU ${result.cpuSeconds} s in all, ${result.cpuMsPerSession} ms per session ` +
        `(one free core: about ${Math.round(1000 / result.cpuMsPerSession)} sessions/s)`,
    );
    console.log(`flips ${report.flips.count}, reviewed ${report.reviewed}; load average (1 min) ${result.loadavg1}`);
    console.log(JSON.stringify({ ...result, maxChunkMs: job.maxChunkMs }));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
