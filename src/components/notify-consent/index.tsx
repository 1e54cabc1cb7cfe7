import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { getSubscription, reportSubscription } from '../../services/alerts';
import { errorMessage } from '../../services/api.error';
import { useRemote } from '../../hooks/use-remote';
import { askForNotification, canAskForNotifications } from '../../services/consent';
import './index.scss';

/**
 * 「开启告警通知」: shown only when no notification consent is banked (or the server asks
 * again). WeChat grants one notification per consent, so the supervisor is asked again once
 * they are used up. Outside WeChat it only says where it can be turned on.
 */
export interface NotifyConsentProps {
  /**
   * What the notifications are for, in the user's words.
   * @default '手机上接收新告警提醒'
   */
  prompt?: string;
  /**
   * The tap target's label.
   * @default '开启告警通知'
   */
  action?: string;
  /**
   * Shown outside WeChat, where consent cannot be asked.
   * @default '告警通知需在微信小程序中开启'
   */
  unavailable?: string;
}

const defaults = {
  prompt: '手机上接收新告警提醒',
  action: '开启告警通知',
  unavailable: '告警通知需在微信小程序中开启',
};

export default function NotifyConsent(props: NotifyConsentProps) {
  const { prompt, action, unavailable } = { ...defaults, ...props };
  // Without the consent state (not loaded, or failed) there is nothing useful to show: stay hidden.
  const subscription = useRemote(getSubscription, []);
  const sub = subscription.data ?? null;
  const [busy, setBusy] = useState(false);

  if (!sub || !(sub.askAgain || sub.banked === 0)) return null;

  if (!canAskForNotifications()) {
    return (
      <View className='notify-consent notify-consent--disabled'>
        <Text className='notify-consent__text'>{unavailable}</Text>
      </View>
    );
  }

  const enable = async () => {
    if (busy) return;
    setBusy(true);
    try {
      // Asked straight from the tap: WeChat shows the dialog only for a user gesture.
      const accepted = await askForNotification(sub.templateId);
      const { banked } = await reportSubscription(sub.templateId, accepted);
      subscription.setData(() => ({ ...sub, banked, askAgain: false }));
      void Taro.showToast({
        title: accepted ? '已开启通知' : '未开启通知',
        icon: accepted ? 'success' : 'none',
      });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='notify-consent' onClick={() => void enable()}>
      <Text className='notify-consent__text'>{prompt}</Text>
      <Text className='notify-consent__action'>{action}</Text>
    </View>
  );
}
