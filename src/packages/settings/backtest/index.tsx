/**
 * 回测 (issue 14): replay a scorecard's draft over the sessions of the past 7/30/90 days beside
 * the live version. Start, a progress bar while the job runs (each poll of `backtests/get`
 * replays one more chunk on the server), then what would change: the sessions whose pass/fail
 * flips (each opens the session), the average score change by agent and team, alerts per day,
 * and per rule precision and recall of both versions against reviewers' verdicts.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { BacktestAnswer, MeanChange, Rate } from '@core/api.contract';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useAgentNames } from '../../../hooks/use-agent-names';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { getBacktest, latestBacktest, startBacktest } from '../../../services/backtests';
import { agentLabel, policyLabel } from '../../../utils/labels';
import { scorecardUrl, sessionDetailUrl } from '../../../utils/routes';
import './index.scss';

export const DAY_CHOICES = [7, 30, 90] as const;
/** How often a running job is polled (each poll replays one chunk). */
export const POLL_MS = 1000;

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(1)}`);

function rateText(r: Rate): string {
  return r.n === 0 ? '—' : `${pct(r.estimate)}（${pct(r.low)}–${pct(r.high)}，n=${r.n}）`;
}

function changeText(c: MeanChange): string {
  const interval = c.low === null || c.high === null ? '' : `（${signed(c.low)}～${signed(c.high)}）`;
  return `${signed(c.mean)}${interval}`;
}

function Progress({ answer }: { answer: BacktestAnswer }) {
  const { job } = answer;
  const width = `${Math.round(job.progress * 100)}%`;
  return (
    <View className='backtest-page__card' data-part='progress'>
      <Text className='backtest-page__title'>回测中…</Text>
      <View className='backtest-page__bar' role='progressbar' aria-valuenow={Math.round(job.progress * 100)}>
        <View className='backtest-page__bar-fill' style={{ width }} />
      </View>
      <Text className='backtest-page__meta'>
        已回放 {job.processed}/{job.total} 通会话（{width}）
      </Text>
    </View>
  );
}

function ChangeRows({ rows, label }: { rows: MeanChange[]; label: (key: string) => string }) {
  if (rows.length === 0) return <EmptyState text='没有会话' />;
  return (
    <>
      {rows.map((c) => (
        <View key={c.key} className='backtest-page__row' data-key={c.key}>
          <Text className='backtest-page__cell--name'>{label(c.key)}</Text>
          <Text className='backtest-page__cell'>n={c.n}</Text>
          <Text className={`backtest-page__cell${(c.mean ?? 0) < 0 ? ' backtest-page__down' : ''}`}>
            {changeText(c)}
          </Text>
        </View>
      ))}
    </>
  );
}

function Result({ answer, names }: { answer: BacktestAnswer; names: Record<string, string> }) {
  const { report, job } = answer;
  const ruleName = (id: string) => answer.ruleNames.find((r) => r.ruleId === id)?.name ?? id;
  const open = (sessionId: string) => void Taro.navigateTo({ url: sessionDetailUrl(sessionId) });
  // Side by side: the editor's preview scores the session with the draft beside its live score.
  const compare = (sessionId: string) =>
    void Taro.navigateTo({ url: `${scorecardUrl(job.scorecardId)}&sessionId=${encodeURIComponent(sessionId)}` });
  return (
    <>
      <View className='backtest-page__card' data-part='summary'>
        <Text className='backtest-page__title'>
          近 {job.days} 天 · 草稿 v{job.draftVersion} 对比线上 v{job.live.version}
        </Text>
        <Text className='backtest-page__meta'>
          回放 {report.sessions} 通会话
          {job.outOfScope > 0 ? `，${job.outOfScope} 通不在草稿适用范围` : ''}
          {job.failed > 0 ? `，${job.failed} 通无法回放` : ''}
        </Text>
        <Text className='backtest-page__meta'>
          合格率：线上 {pct(report.passRate.live)} → 草稿 {pct(report.passRate.draft)}；平均分变化{' '}
          {changeText(report.change)}
        </Text>
      </View>

      <View className='backtest-page__card' data-part='flips'>
        <Text className='backtest-page__title'>
          合格结果翻转 {report.flips.count} 通（变不合格 {report.flips.toFail}，变合格 {report.flips.toPass}）
        </Text>
        {report.flips.count > report.flips.listed.length ? (
          <Text className='backtest-page__meta'>列出变化最大的 {report.flips.listed.length} 通</Text>
        ) : null}
        {report.flips.listed.length === 0 ? <EmptyState text='没有会话翻转' /> : null}
        {report.flips.listed.map((f) => (
          <View
            key={f.sessionId}
            className='backtest-page__row backtest-page__flip'
            onClick={() => compare(f.sessionId)}
          >
            <Text className='backtest-page__cell--name'>{agentLabel(f.agentId, names)}</Text>
            <Text className='backtest-page__cell'>
              线上 {f.live.total}（{f.live.passed ? '合格' : '不合格'}）
            </Text>
            <Text className={`backtest-page__cell${f.draft.passed ? '' : ' backtest-page__down'}`}>
              草稿 {f.draft.total}（{f.draft.passed ? '合格' : '不合格'}）
            </Text>
            <Text
              className='backtest-page__cell backtest-page__link'
              onClick={(e) => {
                e.stopPropagation();
                open(f.sessionId);
              }}
            >
              会话
            </Text>
          </View>
        ))}
      </View>

      <View className='backtest-page__card' data-part='agents'>
        <Text className='backtest-page__title'>各客服平均分变化（95% 区间）</Text>
        <ChangeRows rows={report.byAgent} label={(k) => (k === '-' ? '未分配' : agentLabel(k, names))} />
      </View>
      <View className='backtest-page__card' data-part='teams'>
        <Text className='backtest-page__title'>各团队平均分变化（95% 区间）</Text>
        <ChangeRows rows={report.byTeam} label={(k) => (k === '-' ? '无团队' : k)} />
      </View>

      <View className='backtest-page__card' data-part='alerts'>
        <Text className='backtest-page__title'>
          预计告警：线上 {report.alertsPerDay.live}/天 → 草稿 {report.alertsPerDay.draft}/天
        </Text>
        {report.alertsPerDay.byPolicy.map((a) => (
          <View key={a.policy} className='backtest-page__row' data-policy={a.policy}>
            <Text className='backtest-page__cell--name'>{policyLabel(a.policy)}</Text>
            <Text className='backtest-page__cell'>线上 {a.live}/天</Text>
            <Text className='backtest-page__cell'>草稿 {a.draft}/天</Text>
          </View>
        ))}
      </View>

      <View className='backtest-page__card' data-part='rules'>
        <Text className='backtest-page__title'>规则准确率 / 召回率（依据 {report.reviewed} 通已质检会话）</Text>
        {report.rules.length === 0 ? <EmptyState text='这些会话还没有质检判定' /> : null}
        {report.rules.map((r) => (
          <View key={r.ruleId} className='backtest-page__rule' data-rule={r.ruleId}>
            <Text className='backtest-page__cell--name'>{ruleName(r.ruleId)}</Text>
            <Text className='backtest-page__meta'>
              准确率：线上 {rateText(r.live.precision)} · 草稿 {rateText(r.draft.precision)}
            </Text>
            <Text className='backtest-page__meta'>
              召回率：线上 {rateText(r.live.recall)} · 草稿 {rateText(r.draft.recall)}
            </Text>
          </View>
        ))}
      </View>
    </>
  );
}

export default function BacktestPage() {
  const { params } = useRouter();
  const scorecardId = params.scorecardId ?? '';
  const names = useAgentNames();
  const latest = useRemote(scorecardId ? () => latestBacktest(scorecardId) : null, [scorecardId]);
  const [answer, setAnswer] = useState<BacktestAnswer | null>(null);
  const [days, setDays] = useState<number>(30);
  const [error, setError] = useState<string | null>(null);
  const fromLatest = latest.data && latest.data.job ? (latest.data as BacktestAnswer) : null;
  const shown = answer ?? fromLatest;

  const start = useAction((d: number) => startBacktest(scorecardId, d), {
    onDone: (a) => {
      setError(null);
      setAnswer(a);
    },
    onError: (e) => setError(errorMessage(e)),
  });

  // While the job runs: poll it; each answer schedules the next poll.
  useEffect(() => {
    if (!shown || shown.job.status !== 'running') return undefined;
    let live = true;
    const timer = setTimeout(() => {
      getBacktest(shown.job._id).then(
        (a) => live && setAnswer(a),
        (e: unknown) => live && setError(errorMessage(e)),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [shown]);

  if (!scorecardId) return <ErrorBanner message='缺少评分卡' />;
  if (!latest.loaded) return <Loading />;
  const running = shown?.job.status === 'running';
  return (
    <View className='backtest-page'>
      <ErrorBanner message={latest.error ?? error} onRetry={latest.error ? latest.reload : undefined} />
      <View className='backtest-page__card' data-part='start'>
        <Text className='backtest-page__title'>回测评分卡「{scorecardId}」的草稿</Text>
        <Text className='backtest-page__meta'>用草稿重新评分过去的会话，与线上版本比较</Text>
        <View className='backtest-page__chips'>
          {DAY_CHOICES.map((d) => (
            <Text
              key={d}
              className={`backtest-page__chip${d === days ? ' backtest-page__chip--on' : ''}`}
              onClick={() => setDays(d)}
            >
              近 {d} 天
            </Text>
          ))}
        </View>
        <Text
          className={`backtest-page__button${start.busy || running ? ' backtest-page__button--off' : ''}`}
          onClick={() => !running && void start.run(days)}
        >
          {start.busy ? '正在开始…' : '开始回测'}
        </Text>
      </View>
      {shown?.stale ? (
        <View className='backtest-page__stale' data-part='stale'>
          <Text>草稿在这次回测开始后又修改过，结果可能已过时，请重新回测。</Text>
        </View>
      ) : null}
      {shown?.job.status === 'failed' ? (
        <ErrorBanner message='这次回测无法继续（对比的线上版本已不存在），请重新回测' code={shown.job.error} />
      ) : null}
      {!shown ? <EmptyState text='这份草稿还没有回测' /> : null}
      {shown && running ? <Progress answer={shown} /> : null}
      {shown && !running ? <Result answer={shown} names={names} /> : null}
    </View>
  );
}
