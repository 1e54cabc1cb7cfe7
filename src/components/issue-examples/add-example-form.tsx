import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { AtButton } from 'taro-ui';
// The server's bounds, from a zod-free module so the page does not load zod.
import { EXAMPLE_MAX_CHARS as MAX_CHARS, EXAMPLE_MIN_CHARS as MIN_CHARS } from '@core/text/issue-type.labels';
import { useAction } from '../../hooks/use-action';
import { failure, type Feedback, type IssueExamplesState } from '../../hooks/use-issue-examples';
import type { IssueTypeId } from '../../services/issue-types';
import { inputValue } from '../../utils/input';
import FilterChips from '../filter-chips';
import FeedbackLine from './feedback-line';

export interface AddExampleFormProps {
  examples: Pick<IssueExamplesState, 'labels' | 'add' | 'reload'>;
}

/**
 * 新增样例: a customer line and its label. The length and the label are checked here before the
 * server is asked; what was typed stays when the server refuses it.
 */
export default function AddExampleForm({ examples }: AddExampleFormProps) {
  const { labels } = examples;
  const [text, setText] = useState('');
  const [label, setLabel] = useState<IssueTypeId | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const adding = useAction(examples.add, {
    onDone: async (done) => {
      setFeedback(done);
      setText('');
      await examples.reload();
    },
    onError: (e) => setFeedback(failure(e)),
  });

  const submit = () => {
    if (adding.busy) return;
    const value = text.trim();
    if (value.length < MIN_CHARS || value.length > MAX_CHARS) {
      setFeedback({ tone: 'error', text: `样例需 ${MIN_CHARS}–${MAX_CHARS} 个字` });
      return;
    }
    if (!label) {
      setFeedback({ tone: 'error', text: '请选择问题类型' });
      return;
    }
    setFeedback(null);
    void adding.run(value, label);
  };

  return (
    <View className='issue-examples__card' data-part='add'>
      <Text className='issue-examples__title'>新增样例</Text>
      <Textarea
        className='issue-examples__input'
        value={text}
        placeholder={`客户的一句话（${MIN_CHARS}–${MAX_CHARS} 字）`}
        maxlength={MAX_CHARS}
        autoHeight
        onInput={(e) => {
          setText(inputValue(e));
          setFeedback(null);
        }}
      />
      <Text className='issue-examples__counter'>
        {text.trim().length}/{MAX_CHARS}
      </Text>
      {labels.length > 0 ? (
        <FilterChips<IssueTypeId>
          name='issue-label'
          options={labels.map((l) => ({ value: l.id, label: l.name }))}
          value={label}
          onChange={(v) => {
            setLabel(v);
            setFeedback(null);
          }}
        />
      ) : null}
      <View className='issue-examples__actions'>
        <AtButton
          size='small'
          type='primary'
          loading={adding.busy}
          disabled={adding.busy || labels.length === 0}
          onClick={submit}
        >
          添加样例
        </AtButton>
      </View>
      <FeedbackLine feedback={feedback} name='add' />
    </View>
  );
}
