import { View } from '@tarojs/components';
import type { Feedback } from '../../hooks/use-issue-examples';

/** What the last action of a form did, or why it failed; an alert for screen readers when it failed. */
export default function FeedbackLine({ feedback, name }: { feedback: Feedback | null; name: string }) {
  if (!feedback) return null;
  return (
    <View
      className={`issue-examples__feedback issue-examples__feedback--${feedback.tone}`}
      data-feedback={name}
      data-code={feedback.code}
      role={feedback.tone === 'error' ? 'alert' : 'status'}
    >
      {feedback.text}
    </View>
  );
}
