/**
 * 知识缺口 (issue 16, kb): topics of customers' questions in sessions of the last 30 days that
 * failed, scored low or stayed unresolved (a supervisor's team's; `kb/gaps`, a bounded read),
 * ranked by damage (points lost), each with its representative questions; topics no article
 * answers, and articles whose sessions still fail. 「生成草稿」 turns a gap into a draft article
 * prefilled with its questions, which an admin finishes and publishes in 设置 → 知识库.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { GapTopic } from '@core/kb/kb.gaps';
import { ISSUE_TYPE_NAMES, type IssueType } from '@core/text/issue-type.labels';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { draftFromGap, getGaps } from '../../../services/kb';
import './index.scss';

const typeName = (t: string) => ISSUE_TYPE_NAMES[t as IssueType] ?? t;
const pct = (x: number) => `${Math.round(x * 100)}%`;

export default function KnowledgeGaps() {
  const gaps = useRemote(() => getGaps(30), []);
  const [drafted, setDrafted] = useState<Record<string, string>>({});
  const draft = useAction((g: GapTopic) => draftFromGap(g.issueType, g.representative), {
    onDone: ({ article }, g) => setDrafted((d) => ({ ...d, [g.key]: article.title })),
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });

  const report = gaps.data;
  return (
    <View className='gaps-page'>
      <Text className='gaps-page__title'>知识缺口</Text>
      <ErrorBanner message={gaps.error} />
      {!report ? (
        gaps.loaded ? null : (
          <Loading />
        )
      ) : (
        <View>
          <Text className='gaps-page__hint'>
            近{report.days}天未通过、低于 70 分或未解决的 {report.pool} 个会话
            {report.truncated ? '（只取最新的）' : ''}中的 {report.questions} 个客户提问，按扣分总量排序。
          </Text>
          {report.gaps.length === 0 ? (
            <EmptyState block='gaps-list' text='没有未被知识库覆盖的话题' />
          ) : (
            <View className='gaps-list'>
              {report.gaps.map((g) => (
                <View key={g.key} className='gaps-list__item' data-gap={g.key}>
                  <View className='gaps-list__head'>
                    <Text className='gaps-list__name'>
                      {typeName(g.issueType)} · {g.terms.join(' / ')}
                    </Text>
                    <Text className='gaps-list__meta'>
                      {g.sessions} 个会话 · 扣分 {g.damage} · 未通过 {pct(g.failedShare)}
                    </Text>
                  </View>
                  {g.representative.map((q) => (
                    <Text key={q} className='gaps-list__question'>
                      「{q}」
                    </Text>
                  ))}
                  {drafted[g.key] ? (
                    <Text className='gaps-list__done'>已生成草稿「{drafted[g.key]}」</Text>
                  ) : (
                    <Text className='gaps-list__action' onClick={() => void draft.run(g)}>
                      生成草稿
                    </Text>
                  )}
                </View>
              ))}
            </View>
          )}
          {report.articlesStillFailing.length > 0 ? (
            <View className='gaps-list'>
              <Text className='gaps-page__subtitle'>有文章但会话仍未通过</Text>
              {report.articlesStillFailing.map((a) => (
                <View key={a._id} className='gaps-list__item' data-article-id={a._id}>
                  <Text className='gaps-list__name'>{a.title}</Text>
                  <Text className='gaps-list__meta'>
                    {a.sessions} 个未通过会话 · 扣分 {a.damage}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}
