import { View } from '@tarojs/components';
import { usePullDownRefresh } from '@tarojs/taro';
import { useIssueExamples } from '../../hooks/use-issue-examples';
import AddExampleForm from './add-example-form';
import ClassifyForm from './classify-form';
import ExampleList from './example-list';
import 'taro-ui/lib/style/components/button.scss';
import 'taro-ui/lib/style/components/loading.scss';
import './index.scss';

export interface IssueExamplesProps {
  /**
   * Reference time for the 「when」 of each example; tests pin it.
   * @default Date.now()
   */
  now?: number;
}

/**
 * Admins teach the issue-type classifier: try a customer line against it, add labelled
 * examples (the same text again relabels it) and remove them. Every failure is shown next to
 * the action that caused it. The data side is `useIssueExamples`; each part is its own form.
 */
export default function IssueExamples({ now }: IssueExamplesProps) {
  const examples = useIssueExamples();
  usePullDownRefresh(() => {
    void examples.reload();
  });
  return (
    <View className='issue-examples'>
      <ClassifyForm />
      <AddExampleForm examples={examples} />
      <ExampleList examples={examples} now={now} />
    </View>
  );
}
