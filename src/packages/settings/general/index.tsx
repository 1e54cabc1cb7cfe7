import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { getSettings, setSettings } from '../../../services/admin';
import { inputValue } from '../../../utils/input';
import './index.scss';

/** General settings (issue 14): the appeal window, the sampling defaults and the reports' FCR window. */
export default function GeneralSettingsPage() {
  const settings = useRemote(() => getSettings(), []);
  const [form, setForm] = useState({
    windowDays: '',
    decideWithinDays: '',
    dueDays: '',
    sharePercent: '',
    fcrHours: '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setForm({
      windowDays: String(s.appeals.windowDays),
      decideWithinDays: String(s.appeals.decideWithinDays),
      dueDays: String(s.sampling.dueDays),
      sharePercent: String(Math.round(s.sampling.share * 1000) / 10),
      fcrHours: String(s.reports.fcrHours),
    });
  }, [settings.data]);
  const save = useAction(
    () =>
      setSettings({
        appeals: { windowDays: Number(form.windowDays), decideWithinDays: Number(form.decideWithinDays) },
        sampling: { dueDays: Number(form.dueDays), share: Number(form.sharePercent) / 100 },
        reports: { fcrHours: Number(form.fcrHours) },
      }),
    {
      onDone: () => setMessage({ ok: true, text: '已保存' }),
      onError: (e) => setMessage({ ok: false, text: errorMessage(e) }),
    },
  );
  if (settings.error) return <ErrorBanner message={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading />;
  const field = (key: keyof typeof form, label: string, hint: string) => (
    <View>
      <Text className='settings__label'>{label}</Text>
      <Input
        className='settings__input'
        type='digit'
        value={form[key]}
        data-field={key}
        onInput={(e) => setForm({ ...form, [key]: inputValue(e) })}
      />
      <Text className='settings__hint'>{hint}</Text>
    </View>
  );
  return (
    <View className='settings'>
      <View className='settings__card'>
        <Text className='settings__title'>申诉</Text>
        {field('windowDays', '申诉期限（天）', '质检结果提交后，客服可在此期限内申诉（1-90 天）')}
        {field('decideWithinDays', '处理期限（天）', '主管应在此期限内处理申诉（1-90 天）')}
        <Text className='settings__title'>抽检默认值</Text>
        {field('sharePercent', '抽样比例（%）', '新建抽检计划时的默认比例')}
        {field('dueDays', '任务期限（天）', '抽出的质检任务默认几天内完成（1-60 天）')}
        <Text className='settings__title'>报表</Text>
        {field(
          'fcrHours',
          '一次解决判定窗口（小时）',
          '会话结束后同一客户在此时间内未再次咨询，才算一次解决（1-168 小时）',
        )}
        <Text className='settings__button' onClick={() => void save.run()}>
          {save.busy ? '保存中…' : '保存'}
        </Text>
        {message ? <Text className={message.ok ? 'settings__ok' : 'settings__error'}>{message.text}</Text> : null}
      </View>
    </View>
  );
}
