import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AtActivityIndicator, AtButton } from 'taro-ui';
import { ERROR_CODES } from '@core/errors';
import type { Role } from '@core/model';
import { errorMessage, isApiError } from '../../services/api.error';
import {
  currentOpenid,
  listDemoUsers,
  needsSignIn,
  signIn,
  signInFromQuery,
  signOut,
  type DemoUser,
} from '../../services/auth';
import { getMe } from '../../services/me';
import InviteRedeem from '../../components/invite-redeem';
import { ROLE_LABELS, ROLE_ORDER } from '../../utils/labels';
import { homePageFor } from '../../utils/routes';
import 'taro-ui/lib/style/components/activity-indicator.scss';
import 'taro-ui/lib/style/components/button.scss';
import 'taro-ui/lib/style/components/loading.scss';
import './index.scss';

type LandingState =
  | { kind: 'loading' }
  | { kind: 'picker'; users: DemoUser[] }
  | { kind: 'unknown-user'; openid: string | null }
  | { kind: 'deactivated' }
  | { kind: 'error'; message: string };

/**
 * The entry: find out who is here and send them to their role's home. In the H5 demo build a
 * visitor without an identity first picks a demo user.
 */
export default function Landing() {
  const [state, setState] = useState<LandingState>({ kind: 'loading' });

  const enter = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      // Fresh: where the user goes depends on it; the pages after this one reuse the answer.
      const me = await getMe({ fresh: true });
      await Taro.redirectTo({ url: homePageFor(me.role) });
    } catch (e) {
      if (isApiError(e) && e.code === ERROR_CODES.AUTH_UNKNOWN_USER) {
        setState({ kind: 'unknown-user', openid: currentOpenid() });
      } else if (isApiError(e) && e.code === ERROR_CODES.AUTH_DEACTIVATED) {
        setState({ kind: 'deactivated' });
      } else {
        setState({ kind: 'error', message: errorMessage(e) });
      }
    }
  }, []);

  const showPicker = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'picker', users: await listDemoUsers() });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  }, []);

  const start = useCallback(() => {
    signInFromQuery();
    if (needsSignIn() && !currentOpenid()) void showPicker();
    else void enter();
  }, [enter, showPicker]);

  useEffect(start, [start]);

  const choose = (user: DemoUser) => {
    signIn(user._id);
    void enter();
  };

  const switchUser = () => {
    signOut();
    void showPicker();
  };

  return (
    <View className='landing'>
      <View className='landing__brand'>
        <Text className='landing__title'>客服质检</Text>
        <Text className='landing__subtitle'>会话质检 · 实时告警 · 服务改进</Text>
      </View>

      {state.kind === 'loading' ? (
        <View className='landing__loading'>
          <AtActivityIndicator content='加载中…' mode='center' />
        </View>
      ) : null}

      {state.kind === 'picker' ? <DemoUserPicker users={state.users} onPick={choose} /> : null}

      {state.kind === 'unknown-user' ? (
        <View className='landing__notice'>
          <Text className='landing__notice-title'>尚未开通账号</Text>
          <Text className='landing__notice-text'>
            系统中没有找到您的账号{state.openid ? `（${state.openid}）` : ''}，请联系管理员为您开通质检系统权限。
          </Text>
          <InviteRedeem onRedeemed={() => void enter()} />
          <SwitchDemoUser onSwitch={switchUser} />
        </View>
      ) : null}

      {state.kind === 'deactivated' ? (
        <View className='landing__notice'>
          <Text className='landing__notice-title'>账号已停用</Text>
          <Text className='landing__notice-text'>您的账号已被管理员停用，如需恢复请联系管理员。</Text>
          <SwitchDemoUser onSwitch={switchUser} />
        </View>
      ) : null}

      {state.kind === 'error' ? (
        <View className='landing__notice landing__notice--error'>
          <Text className='landing__notice-text'>{state.message}</Text>
          <AtButton size='small' onClick={start}>
            重试
          </AtButton>
        </View>
      ) : null}
    </View>
  );
}

/** Only where a demo user was chosen (no WeChat login): go back to the picker. */
function SwitchDemoUser({ onSwitch }: { onSwitch: () => void }) {
  if (!needsSignIn()) return null;
  return (
    <AtButton size='small' onClick={onSwitch}>
      选择其他演示用户
    </AtButton>
  );
}

function DemoUserPicker({ users, onPick }: { users: DemoUser[]; onPick: (user: DemoUser) => void }) {
  if (users.length === 0) return <View className='landing__notice'>本地服务中没有演示用户，请先导入演示数据。</View>;
  const groups = ROLE_ORDER.map((role) => ({ role, users: users.filter((u) => u.role === role) })).filter(
    (g) => g.users.length > 0,
  );
  return (
    <View className='picker'>
      <Text className='picker__hint'>选择一个演示身份登录</Text>
      {groups.map((group) => (
        <View key={group.role} className='picker__group' data-role={group.role}>
          <Text className='picker__group-title'>{ROLE_LABELS[group.role as Role]}</Text>
          {group.users.map((user) => (
            <View key={user._id} className='picker__user' data-openid={user._id} onClick={() => onPick(user)}>
              <Text className='picker__name'>{user.name}</Text>
              <Text className='picker__detail'>
                {ROLE_LABELS[user.role]}
                {user.team ? ` · ${user.team}` : ''}
              </Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
