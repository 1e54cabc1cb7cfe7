import { View } from '@tarojs/components';
import IssueExamples from '../../../components/issue-examples';
import './index.scss';

/** The issue-type classifier's examples, moved here from the admin home (issue 14). */
export default function IssueExamplesPage() {
  return (
    <View className='settings'>
      <View className='settings__card'>
        <IssueExamples />
      </View>
    </View>
  );
}
