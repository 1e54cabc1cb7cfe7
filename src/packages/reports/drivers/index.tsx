import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import FilterChips from '../../../components/filter-chips';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { reportDrivers } from '../../../services/report-insights';
import { driverLine, hiddenText, insightDrillUrl, labelOf, oddsText, OUTCOME_LABELS, pct } from '../insight-view';
import './index.scss';

type OutcomeName = keyof typeof OUTCOME_LABELS;

/**
 * Drivers: which rule failures and behaviours go with low satisfaction or unresolved sessions
 * over 90 days of rated sessions, ranked by relative weight, with odds ratios and intervals.
 * Labelled as associations; hidden under the minimum of rated sessions. A row opens sessions
 * with that feature and a bad outcome.
 */
export default function ReportDriversPage() {
  const { user } = useCurrentUser();
  const [outcome, setOutcome] = useState<OutcomeName>('lowCsat');
  const remote = useRemote(user ? () => reportDrivers({}) : null, [user?._id]);
  usePullDownRefresh(() => void remote.reload().finally(() => Taro.stopPullDownRefresh()));
  const insight = remote.data?.insight;
  const result = insight?.outcomes.find((o) => o.outcome === outcome);
  const hidden = result ? hiddenText(result, insight!.minRated) : null;

  return (
    <View className='insight-page'>
      <FilterChips
        name='driver-outcome'
        options={(Object.keys(OUTCOME_LABELS) as OutcomeName[]).map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
        value={outcome}
        onChange={(v) => v && setOutcome(v)}
      />
      <Text className='insight-page__note'>
        以下是关联分析，不是因果结论：某项与{outcome === 'lowCsat' ? '低满意度' : '未解决'}
        同时出现，不代表它导致了该结果。
      </Text>
      <ErrorBanner message={remote.error} onRetry={remote.reload} />
      {!remote.loaded ? (
        <Loading />
      ) : !insight || !result ? (
        <EmptyState text='驱动因素尚未计算（每天凌晨2点后更新）' />
      ) : (
        <>
          <Text className='insight-page__meta'>
            {remote.data?.scope.team ?? '全部团队'} · {insight.range.first} 至 {insight.range.last} · 有评价的会话{' '}
            {insight.rated} 个
          </Text>
          {hidden ? (
            <EmptyState text={hidden} />
          ) : (
            <>
              <Text className='insight-page__meta'>
                {result.n} 个会话中 {result.events} 个{outcome === 'lowCsat' ? '低满意度' : '未解决'} · 各项合计解释 R²=
                {result.rSquared.toFixed(3)}
                {result.converged ? '' : ' · 回归未收敛，区间仅供参考'}
              </Text>
              {result.rows.map((r) => (
                <View
                  key={r.feature}
                  className='insight-row'
                  data-feature={r.feature}
                  onClick={() =>
                    void Taro.navigateTo({
                      url: insightDrillUrl({ kind: 'driver', feature: r.feature }, labelOf(insight, r.feature)),
                    })
                  }
                >
                  <Text className='insight-row__name'>{labelOf(insight, r.feature)}</Text>
                  <Text className='insight-row__effect'>
                    相对权重 {pct(r.share)} · {oddsText(r)}
                  </Text>
                  <Text className='insight-row__figure'>{driverLine(r, outcome)}</Text>
                </View>
              ))}
              <Text className='insight-page__meta'>
                相对权重：Johnson 相对权重占 R² 的比例；OR：逻辑回归的比值比（已同时考虑其他各项）
              </Text>
            </>
          )}
        </>
      )}
    </View>
  );
}
