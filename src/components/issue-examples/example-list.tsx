import { Text, View } from '@tarojs/components';
import type { IssueExamplesState } from '../../hooks/use-issue-examples';
import { formatListTime } from '../../utils/time';
import { Loading } from '../page-state';
import FeedbackLine from './feedback-line';

export interface ExampleListProps {
  examples: IssueExamplesState;
  /**
   * Reference time for the 「when」 of each example; tests pin it.
   * @default Date.now()
   */
  now?: number;
}

/** 已有样例: each example with its label, who changed it and when, and 删除. */
export default function ExampleList({ examples, now }: ExampleListProps) {
  const { items, loaded, loading, listFeedback, labelName, removing } = examples;
  return (
    <View className='issue-examples__list' data-part='list'>
      <View className='issue-examples__list-head'>
        <Text>已有样例</Text>
        <Text className='issue-examples__count'>{loaded ? `共 ${items.length} 条` : ''}</Text>
      </View>
      <FeedbackLine feedback={listFeedback} name='list' />
      {listFeedback && !loading && items.length === 0 ? (
        <Text className='issue-examples__retry' onClick={() => void examples.reload()}>
          重试
        </Text>
      ) : null}
      {!loaded ? (
        <Loading className='issue-examples__empty' />
      ) : items.length === 0 && !listFeedback ? (
        <View className='issue-examples__empty'>还没有样例：添加一句客户的话并选择它的问题类型</View>
      ) : (
        items.map((it) => (
          <View key={it._id} className='issue-examples__item' data-example-id={it._id}>
            <View className='issue-examples__item-main'>
              <Text className='issue-examples__text'>{it.text}</Text>
              <Text className='issue-examples__label'>{labelName(it.label)}</Text>
            </View>
            <View className='issue-examples__item-foot'>
              <Text className='issue-examples__meta'>
                {it.updatedBy} {it.updatedAt === it.createdAt ? '添加于' : '更新于'} {formatListTime(it.updatedAt, now)}
              </Text>
              <Text
                className={`issue-examples__remove${removing === it._id ? ' issue-examples__remove--busy' : ''}`}
                aria-disabled={removing !== null}
                onClick={() => examples.remove(it)}
              >
                {removing === it._id ? '删除中…' : '删除'}
              </Text>
            </View>
          </View>
        ))
      )}
    </View>
  );
}
