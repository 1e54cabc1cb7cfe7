import { Text, View } from '@tarojs/components';
import type { Role } from '@core/model';
import { ROLE_LABELS } from '../../utils/labels';
import './index.scss';

export interface UserBarProps {
  /** The signed-in user's name. */
  name?: string;
  /** The signed-in user's role. */
  role?: Role;
  /** Called when the user asks to sign out; the bar is hidden without it. */
  onSignOut?: () => void;
  /**
   * Label of the sign-out action.
   * @default '切换用户'
   */
  signOutText?: string;
}

const defaults = { signOutText: '切换用户' };

/** Who is signed in, with a sign-out action (used by the H5 demo sign-in only). */
export default function UserBar(props: UserBarProps) {
  const { name, role, onSignOut, signOutText } = { ...defaults, ...props };
  if (!onSignOut) return null;
  return (
    <View className='user-bar'>
      <Text className='user-bar__who'>
        {name ?? ''}
        {role ? `（${ROLE_LABELS[role]}）` : ''}
      </Text>
      <Text className='user-bar__signout' onClick={onSignOut}>
        {signOutText}
      </Text>
    </View>
  );
}
