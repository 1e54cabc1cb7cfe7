import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import FilterChips from '../../../components/filter-chips';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { reportTopics } from '../../../services/report-insights';
import { insightDrillUrl, topicLine, WINDOW_LABELS } from '../insight-view';
import './index.scss';

type Window = keyof typeof WINDOW_LABELS;

/**
 * Hot topics: the words and phrases customers used in problem sessions (failed, unresolved,
 * rated 1-2) that rose most against the window before, as the nightly job stored them. A row
 * opens the sessions behind it.
 */
export default function ReportTopicsPage() {
  const { user } = useCurrentUser();
  const [window, setWindow] = useState<Window>('week');
  const remote = useRemote(user ? () => reportTopics({ window }) : null, [user?._id, window]);
  usePullDownRefresh(() => void remote.reload().finally(() => Taro.stopPullDownRefresh()));
  const insight = remote.data?.insight;

  return (
    <View className='insight-page'>
      <FilterChips
        name='topic-window'
        options={(Object.keys(WINDOW_LABELS) as Window[]).map((w) => ({ value: w, label: WINDOW_LABELS[w] }))}
        value={window}
        onChange={(v) => v && setWindow(v)}
      />
      <ErrorBanner message={remote.error} onRetry={remote.reload} />
      {!remote.loaded ? (
        <Loading />
      ) : !insight ? (
        <EmptyState text='热点话题尚未计算（每天凌晨2点后更新）' />
      ) : (
        <>
          <Text className='insight-page__meta'>
            {remote.data?.scope.team ?? '全部团队'} · {insight.current.first} 至 {insight.current.last}
            （对比 {insight.previous.first} 至 {insight.previous.last}）
          </Text>
          <Text className='insight-page__meta'>
            问题会话（不合格、未解决或评分1-2）：本期 {insight.problem.current} 个，上期 {insight.problem.previous} 个
          </Text>
          {insight.topics.length === 0 ? (
            <EmptyState text='没有明显上升的话题' />
          ) : (
            insight.topics.map((t) => (
              <View
                key={t.term}
                className='insight-row'
                data-term={t.term}
                onClick={() =>
                  void Taro.navigateTo({
                    url: insightDrillUrl({ kind: 'topic', term: t.term, window }, `话题「${t.term}」`),
                  })
                }
              >
                <Text className='insight-row__name'>{t.term}</Text>
                <Text className='insight-row__figure'>{topicLine(t)}</Text>
              </View>
            ))
          )}
          <Text className='insight-page__meta'>
            只统计客户发送的消息；上升程度为带先验的对数几率 z 值（≥1.96 且本期至少 3 个会话才列出）
          </Text>
        </>
      )}
    </View>
  );
}
