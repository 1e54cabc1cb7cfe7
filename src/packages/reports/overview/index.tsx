import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import FilterChips from '../../../components/filter-chips';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { reportOverview, reportTrend } from '../../../services/reports';
import EcChart from '../chart/ec-chart';
import LaterFigures from '../later-figures';
import ExportBar from '../export/export-bar';
import {
  SCORE_BUCKETS,
  scoreBucketLabel,
  scoreBucketRange,
  scoreDistributionOption,
  TREND_METRICS,
  trendOption,
  type TrendMetric,
} from '../chart/options';
import {
  cardsOf,
  DIM_LABELS,
  dimsFor,
  drillUrl,
  PERIOD_LABELS,
  rowFilter,
  type DimChoice,
  type PeriodChoice,
} from '../report-view';
import './index.scss';

const PERIODIC_REPORTS_PAGE = '/packages/reports/periodic/index';

const SCOPE_TEXT = (scope: { team?: string; agentId?: string }) =>
  scope.agentId ? `坐席 ${scope.agentId}` : scope.team ? `小组 ${scope.team}` : '全部';

/**
 * The overview: the period's figure cards (95% intervals, change from the previous period,
 * small samples marked), a trend line with its control band (a point outside it in red), the
 * score distribution, and a breakdown by one dimension. Any card, trend point or row opens the sessions behind it.
 */
export default function ReportOverviewPage() {
  const { user } = useCurrentUser();
  const [period, setPeriod] = useState<PeriodChoice>('week');
  const [dim, setDim] = useState<DimChoice | null>(null);
  const [metric, setMetric] = useState<TrendMetric>('passRate');
  const dims = dimsFor(user?.role);
  const activeDim = dim && dims.includes(dim) ? dim : null;
  const overview = useRemote(user ? () => reportOverview({ period, ...(activeDim ? { dim: activeDim } : {}) }) : null, [
    user?._id,
    period,
    activeDim,
  ]);
  const trend = useRemote(
    user ? () => reportTrend({ period: period === 'quarter' || period === 'half' ? 'month' : period }) : null,
    [user?._id, period],
  );
  const data = overview.data;
  const go = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className='report-page'>
      <FilterChips
        name='report-period'
        options={(Object.keys(PERIOD_LABELS) as PeriodChoice[]).map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
        value={period}
        onChange={(v) => v && setPeriod(v)}
      />
      <ErrorBanner message={overview.error ?? trend.error} onRetry={overview.reload} />
      {!overview.loaded || !data ? (
        <Loading />
      ) : (
        <>
          <Text className='report-page__meta'>
            {SCOPE_TEXT(data.scope)} · {data.period.key}（对比 {data.previousPeriod.key}）
          </Text>
          <ExportBar query={{ period, key: data.period.key, ...(activeDim ? { dim: activeDim } : {}) }} />
          {user?.role !== 'inspector' ? (
            <Text className='report-page__link' onClick={() => go(PERIODIC_REPORTS_PAGE)}>
              定期回顾报告（月度 / 季度 / 半年度）›
            </Text>
          ) : null}
          {data.total.figures.sessions === 0 && data.total.previous.sessions === 0 ? (
            <EmptyState text='这段时间还没有已评分的会话' />
          ) : (
            <View className='report-page__cards'>
              {cardsOf(data.total.figures, data.total.change).map((c) => (
                <View
                  key={c.key}
                  className='report-card'
                  data-testid={`card-${c.key}`}
                  onClick={() => go(drillUrl(data.period, data.scope, c.drill, `${data.period.key} ${c.title}`))}
                >
                  <Text className='report-card__title'>{c.title}</Text>
                  <Text className='report-card__value'>{c.value}</Text>
                  {c.interval ? <Text className='report-card__sub'>{c.interval}</Text> : null}
                  <Text
                    className={`report-card__change${c.change.good === true ? ' report-card__change--good' : c.change.good === false ? ' report-card__change--bad' : ''}`}
                  >
                    {c.change.text}
                  </Text>
                  {c.small ? <Text className='report-card__small'>样本少（n={c.n}）</Text> : null}
                </View>
              ))}
            </View>
          )}
        </>
      )}

      <View className='report-page__section'>
        <Text className='report-page__heading'>趋势</Text>
        <FilterChips
          name='report-metric'
          options={(Object.keys(TREND_METRICS) as TrendMetric[]).map((m) => ({
            value: m,
            label: TREND_METRICS[m].label,
          }))}
          value={metric}
          onChange={(v) => v && setMetric(v)}
        />
        {trend.data ? (
          <>
            <EcChart
              canvasId='report-trend'
              option={trendOption(trend.data.points, metric)}
              onPick={(i) => {
                const p = trend.data?.points[i];
                if (p) go(drillUrl(p.period, trend.data!.scope, {}, `${p.key} 的会话`));
              }}
            />
            <Text className='report-page__meta'>
              {trend.data.points.some((p) => (metric === 'passRate' ? p.passRate.band?.out : p.firstResponse.band?.out))
                ? '红点：超出由历史数据计算的控制带，点一下查看当期会话'
                : '浅色带：由历史数据计算的控制带；点一下某一期查看其会话'}
            </Text>
          </>
        ) : trend.loaded ? null : (
          <Loading />
        )}
      </View>

      {data && data.total.figures.score.n > 0 ? (
        <View className='report-page__section'>
          <Text className='report-page__heading'>得分分布</Text>
          <EcChart
            canvasId='report-scores'
            height={180}
            option={scoreDistributionOption(data.total.figures.scoreBuckets)}
            onPick={(i) => {
              const low = SCORE_BUCKETS[i];
              const range = scoreBucketRange(low);
              go(
                drillUrl(
                  data.period,
                  data.scope,
                  { scoreMin: String(range.scoreMin), scoreMax: String(range.scoreMax) },
                  `${data.period.key} 得分 ${scoreBucketLabel(low)}`,
                ),
              );
            }}
          />
        </View>
      ) : null}

      {data ? <LaterFigures overview={data} role={user?.role} period={period} /> : null}

      {dims.length > 0 ? (
        <View className='report-page__section'>
          <Text className='report-page__heading'>细分</Text>
          <FilterChips
            name='report-dim'
            options={[{ value: null, label: '不细分' }, ...dims.map((d) => ({ value: d, label: DIM_LABELS[d] }))]}
            value={activeDim}
            onChange={(v) => setDim(v)}
          />
          {data && activeDim
            ? data.rows.map((r) => {
                const filter = rowFilter(data.dim, r.value);
                return (
                  <View
                    key={r.value}
                    className='report-row'
                    onClick={() =>
                      filter && go(drillUrl(data.period, data.scope, filter, `${data.period.key} ${r.value}`))
                    }
                  >
                    <Text className='report-row__name'>{r.value === '_none' ? '（未填写）' : r.value}</Text>
                    <Text className='report-row__figure'>{r.figures.sessions} 通</Text>
                    <Text className='report-row__figure'>
                      {r.figures.score.value === null ? '—' : r.figures.score.value.toFixed(1)} 分
                    </Text>
                    <Text className='report-row__figure'>
                      合格 {r.figures.passRate.value === null ? '—' : `${Math.round(r.figures.passRate.value * 100)}%`}
                      {r.figures.passRate.n > 0 && r.figures.passRate.n < 30 ? '*' : ''}
                    </Text>
                  </View>
                );
              })
            : null}
          {data && activeDim && data.rows.some((r) => r.figures.passRate.n > 0 && r.figures.passRate.n < 30) ? (
            <Text className='report-page__meta'>* 样本少于 30，区间宽，比较请谨慎</Text>
          ) : null}
        </View>
      ) : null}
      {user && user.role !== 'agent' ? (
        <View className='report-page__section'>
          <Text className='report-page__heading'>深入分析</Text>
          <View className='report-row' onClick={() => go('/packages/reports/topics/index')}>
            <Text className='report-row__name'>热点话题</Text>
          </View>
          <View className='report-row' onClick={() => go('/packages/reports/drivers/index')}>
            <Text className='report-row__name'>满意度驱动因素</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
