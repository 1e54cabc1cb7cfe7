import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { AtButton } from 'taro-ui';
import { useAction } from '../../hooks/use-action';
import { redeemInvite } from '../../services/admin';
import { errorMessage } from '../../services/api.error';
import { inputValue } from '../../utils/input';
import './index.scss';

export interface InviteRedeemProps {
  /** After the invite was redeemed: the caller now has an account (the landing page enters). */
  onRedeemed: () => void;
}

/**
 * 输入邀请码: how a WeChat user without an account gets one (issue 14). The admin's one-time
 * code binds its role and team to this user's OPENID; refusals (used, expired, unknown code)
 * are shown in the server's words.
 */
export default function InviteRedeem({ onRedeemed }: InviteRedeemProps) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const redeem = useAction(() => redeemInvite(code.trim()), {
    onDone: () => onRedeemed(),
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <View className='invite-redeem'>
      <Text className='invite-redeem__label'>已有管理员发给您的邀请码？</Text>
      <Input
        className='invite-redeem__input'
        placeholder='输入邀请码，如 ABCDE-FGHJK'
        value={code}
        onInput={(e) => {
          setCode(inputValue(e));
          setError(null);
        }}
      />
      <AtButton type='primary' size='small' loading={redeem.busy} onClick={() => code.trim() && void redeem.run()}>
        开通账号
      </AtButton>
      {error ? <Text className='invite-redeem__error'>{error}</Text> : null}
    </View>
  );
}
