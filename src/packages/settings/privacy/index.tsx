import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CustomerExport, ErasureResult } from '@core/api.contract';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { eraseCustomer, exportCustomer, getRetention, setRetention } from '../../../services/privacy';
import { inputValue } from '../../../utils/input';
import './index.scss';

/**
 * 个人信息保护 (issue 17, PIPL): how long message texts are kept, and a customer's request to see
 * or erase what is held about them. Exports show masked text as stored; erasure asks first.
 */
export default function PrivacyPage() {
  const retention = useRemote(() => getRetention(), []);
  const [days, setDays] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [found, setFound] = useState<CustomerExport | null>(null);
  const [erased, setErased] = useState<ErasureResult | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (retention.data) setDays(String(retention.data.messageDays));
  }, [retention.data]);
  const fail = (e: unknown) => setMessage({ ok: false, text: errorMessage(e) });
  const saveDays = useAction(() => setRetention(Number(days)), {
    onDone: (r) => setMessage({ ok: true, text: `已保存：消息保留 ${r.messageDays} 天` }),
    onError: fail,
  });
  const lookUp = useAction(() => exportCustomer(customerId.trim()), {
    onDone: (r) => {
      setFound(r);
      setErased(null);
      setMessage(null);
    },
    onError: (e) => {
      setFound(null);
      fail(e);
    },
  });
  const erase = useAction(
    async () => {
      const { confirm } = await Taro.showModal({
        title: '删除该客户的个人信息',
        content: '将删除其全部消息、匿名化其会话（统计数据保留），不可恢复',
      });
      return confirm ? eraseCustomer(customerId.trim()) : null;
    },
    {
      onDone: (r) => {
        if (!r) return;
        setErased(r);
        setFound(null);
        setMessage({ ok: true, text: `已删除：${r.messages} 条消息，${r.sessions} 通会话已匿名化` });
      },
      onError: fail,
    },
  );
  if (retention.error) return <ErrorBanner message={retention.error} onRetry={retention.reload} />;
  if (!retention.data) return <Loading />;
  return (
    <View className='settings'>
      <View className='settings__card' data-part='retention'>
        <Text className='settings__title'>消息保留期</Text>
        <Text className='settings__label'>消息文本保留（天）</Text>
        <Input
          className='settings__input'
          type='number'
          value={days}
          data-field='messageDays'
          onInput={(e) => setDays(inputValue(e))}
        />
        <Text className='settings__hint'>超过期限的消息文本由定时任务删除（30-3650 天）；会话、评分和统计保留</Text>
        <Text className='settings__button' onClick={() => void saveDays.run()}>
          {saveDays.busy ? '保存中…' : '保存'}
        </Text>
      </View>
      <View className='settings__card' data-part='subject'>
        <Text className='settings__title'>客户个人信息请求</Text>
        <Text className='settings__label'>客户标识（OPENID 或渠道客户 ID）</Text>
        <Input
          className='settings__input'
          value={customerId}
          data-field='customerId'
          onInput={(e) => setCustomerId(inputValue(e))}
        />
        <Text className='settings__button' onClick={() => customerId.trim() && void lookUp.run()}>
          {lookUp.busy ? '查询中…' : '查询并导出'}
        </Text>
        {found ? (
          <View data-part='export'>
            <Text className='settings__hint'>
              共 {found.total} 通会话（本页 {found.sessions.length} 通），消息{' '}
              {found.sessions.reduce((n, s) => n + s.messages.length, 0)} 条，内容已按存储时脱敏
            </Text>
            {found.sessions.map((s) => (
              <View key={s.session._id} className='settings__link'>
                <Text className='settings__grow'>
                  {new Date(s.session.startedAt).toLocaleDateString('zh-CN')} · {s.messages.length} 条消息
                  {s.score ? ` · ${s.score.total} 分` : ''}
                </Text>
                <Text className='settings__hint'>{s.messages[0]?.text.slice(0, 20) ?? ''}</Text>
              </View>
            ))}
            <Text className='settings__button settings__button--danger' onClick={() => void erase.run()}>
              {erase.busy ? '删除中…' : '删除该客户的个人信息'}
            </Text>
          </View>
        ) : null}
        {erased ? <Text className='settings__hint'>审计日志以摘要 {erased.customer} 记录此次删除</Text> : null}
      </View>
      {message ? <Text className={message.ok ? 'settings__ok' : 'settings__error'}>{message.text}</Text> : null}
    </View>
  );
}
