import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { AtButton } from 'taro-ui';
import type { ActionResult } from '@core/api.contract';
import { EXAMPLE_MAX_CHARS as MAX_CHARS } from '@core/text/issue-type.labels';
import { useAction } from '../../hooks/use-action';
import { failure, type Feedback } from '../../hooks/use-issue-examples';
import { classifyIssueType } from '../../services/issue-types';
import { inputValue } from '../../utils/input';
import FeedbackLine from './feedback-line';

const TOP = 3;

type Classification = ActionResult<'issueTypes/classify'>;

/** 试一试分类: a customer line against the classifier as it is now, its top three labels. */
export default function ClassifyForm() {
  const [probe, setProbe] = useState('');
  const [preview, setPreview] = useState<Classification | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const classify = useAction(classifyIssueType, {
    onDone: setPreview,
    onError: (e) => {
      setPreview(null);
      setFeedback(failure(e));
    },
  });

  const submit = () => {
    if (classify.busy) return;
    const value = probe.trim();
    if (value === '') {
      setFeedback({ tone: 'error', text: '请输入一句客户的话' });
      return;
    }
    setFeedback(null);
    void classify.run(value);
  };

  return (
    <View className='issue-examples__card' data-part='preview'>
      <Text className='issue-examples__title'>试一试分类</Text>
      <Textarea
        className='issue-examples__input'
        value={probe}
        placeholder='输入一句客户的话，看看会被归为哪类'
        maxlength={MAX_CHARS}
        autoHeight
        onInput={(e) => {
          setProbe(inputValue(e));
          setFeedback(null);
        }}
      />
      <View className='issue-examples__actions'>
        <AtButton size='small' loading={classify.busy} disabled={classify.busy} onClick={submit}>
          试一试
        </AtButton>
      </View>
      <FeedbackLine feedback={feedback} name='preview' />
      {preview ? (
        <View className='issue-examples__ranked'>
          {preview.ranked.slice(0, TOP).map((r, i) => (
            <View key={r.label} className='issue-examples__rank' data-rank={i + 1} data-label={r.label}>
              <Text className='issue-examples__rank-name'>{r.name}</Text>
              <View className='issue-examples__bar'>
                <View className='issue-examples__bar-fill' style={{ width: `${percent(r.p)}%` }} />
              </View>
              <Text className='issue-examples__rank-p'>{percent(r.p)}%</Text>
            </View>
          ))}
          <Text className='issue-examples__hint'>已生效管理员样例 {preview.examples} 条</Text>
        </View>
      ) : null}
    </View>
  );
}

/** A probability as a whole percentage (0.8123 → 81). */
function percent(p: number): number {
  return Math.round(p * 100);
}
