import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import SessionListHome from '../../../components/session-list-home';
import { SETTINGS_HOME } from '../../../utils/routes';
import './index.scss';

const ALL = { limit: 50 } as const;

/**
 * Every recent session, and one 设置 link to the settings area (issue 14: scorecards, alert
 * policies, issue-type examples, users, sources, dead letters, the audit log).
 */
export default function AdminHome() {
  return (
    <SessionListHome title='全部会话' params={ALL} emptyText='暂无会话'>
      <View
        className='home-page__header'
        data-url={SETTINGS_HOME}
        onClick={() => void Taro.navigateTo({ url: SETTINGS_HOME })}
      >
        <Text>设置 ›</Text>
      </View>
    </SessionListHome>
  );
}
