import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import FilterChips from '../../../components/filter-chips';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { reportRanking } from '../../../services/reports';
import { RANK_METRIC_LABELS, rankLine, type Ranking } from '../report-later';
import { drillUrl, PERIOD_LABELS, type PeriodChoice } from '../report-view';
import './index.scss';

type Metric = Ranking['metric'];
type Dim = Ranking['dim'];

/**
 * Rankings on one figure: agents (a supervisor's within their team) or teams, each with the
 * range of ranks its 95% interval allows; rows whose intervals overlap are marked as not
 * distinguishable and small samples (< 30) are listed unranked. A row opens its sessions.
 */
export default function ReportRankingPage() {
  const { user } = useCurrentUser();
  const { params } = useRouter();
  const start = (params as Record<string, string | undefined>).period;
  const [period, setPeriod] = useState<PeriodChoice>(
    start && start in PERIOD_LABELS ? (start as PeriodChoice) : 'month',
  );
  const [metric, setMetric] = useState<Metric>('passRate');
  const [dim, setDim] = useState<Dim>('agent');
  const canRankTeams = user?.role === 'admin' || user?.role === 'inspector';
  const activeDim: Dim = canRankTeams ? dim : 'agent';
  const ranking = useRemote(user ? () => reportRanking({ period, metric, dim: activeDim }) : null, [
    user?._id,
    period,
    metric,
    activeDim,
  ]);
  const data = ranking.data;
  const open = (value: string) => {
    if (!data) return;
    const scope = data.dim === 'agent' && data.team ? { team: data.team } : {};
    const filter: Record<string, string> = data.dim === 'agent' ? { agentId: value } : { team: value };
    void Taro.navigateTo({ url: drillUrl(data.period, scope, filter, `${data.period.key} ${value}`) });
  };

  return (
    <View className='rank-page'>
      <FilterChips
        name='rank-period'
        options={(Object.keys(PERIOD_LABELS) as PeriodChoice[]).map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
        value={period}
        onChange={(v) => v && setPeriod(v)}
      />
      <FilterChips
        name='rank-metric'
        options={(Object.keys(RANK_METRIC_LABELS) as Metric[]).map((m) => ({ value: m, label: RANK_METRIC_LABELS[m] }))}
        value={metric}
        onChange={(v) => v && setMetric(v)}
      />
      {canRankTeams ? (
        <FilterChips
          name='rank-dim'
          options={[
            { value: 'agent' as Dim, label: '坐席' },
            { value: 'team' as Dim, label: '小组' },
          ]}
          value={activeDim}
          onChange={(v) => v && setDim(v)}
        />
      ) : null}
      <ErrorBanner message={ranking.error} onRetry={ranking.reload} />
      {!ranking.loaded || !data ? (
        <Loading />
      ) : data.rows.length === 0 ? (
        <EmptyState text='这段时间还没有可排名的数据' />
      ) : (
        <>
          <Text className='rank-page__meta'>
            {data.period.key} · {RANK_METRIC_LABELS[data.metric]}
            {data.higherIsBetter ? '（高者靠前）' : '（低者靠前）'} · 括号内为 95% 区间允许的名次
          </Text>
          {data.rows.map((row) => {
            const line = rankLine(data.metric, row);
            return (
              <View
                key={row.value}
                data-testid={`rank-${row.value}`}
                className={`rank-row${line.small ? ' rank-row--small' : ''}${line.tied ? ' rank-row--tied' : ''}`}
                onClick={() => open(row.value)}
              >
                <Text className='rank-row__rank'>{line.rank}</Text>
                <View className='rank-row__name'>
                  <Text>{row.value === '_none' ? '（未分配）' : row.value}</Text>
                  <Text className='rank-row__note'>{line.note}</Text>
                </View>
                <Text className='rank-row__figure'>{line.estimate}</Text>
              </View>
            );
          })}
          <Text className='rank-page__meta'>
            样本少于 {data.minN} 的不参与排名；区间重叠的名次差异不显著，比较请谨慎
          </Text>
        </>
      )}
    </View>
  );
}
