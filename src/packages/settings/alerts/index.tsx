import { useEffect, useState } from 'react';
import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import type { AlertPolicyConfig, AlertStormSettings } from '@core/api.contract';
import { ALERT_SEVERITIES } from '@core/model';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { getAlertPolicies, publishAlertPolicies, saveAlertPolicies } from '../../../services/admin';
import { inputValue } from '../../../utils/input';
import { policyLabel, SEVERITY_LABELS } from '../../../utils/labels';
import './index.scss';

/** The numeric knobs of the policies, in Chinese; a knob not named here is still shown by key. */
const NUMBER_LABELS: Record<string, string> = {
  severeBelow: '低于此分为高危',
  waitSeconds: '客户等待超过（秒）',
  negativeBelow: '情绪概率低于（0-1）',
  window: '看最近几条客户消息',
  withinHours: '多少小时内再次进线',
  cooldownMinutes: '告警关闭后冷却（分钟）',
  digestAbovePerMinute: '每分钟超过几条合并为摘要',
};

type Policy = AlertPolicyConfig & Record<string, unknown>;

/** A Switch's new state: Taro puts it in `detail.value`, a DOM checkbox in `target.checked`. */
function switchValue(e: unknown): boolean {
  const detail = (e as { detail?: { value?: unknown } }).detail;
  if (detail && typeof detail.value === 'boolean') return detail.value;
  return Boolean((e as { target?: { checked?: unknown } }).target?.checked);
}

function PolicyCard({ policy, onChange }: { policy: Policy; onChange: (p: Policy) => void }) {
  const set = (key: string, value: unknown) => onChange({ ...policy, [key]: value } as Policy);
  return (
    <View className={`settings__card${policy.enabled ? '' : ' settings__row--off'}`} data-policy={policy.id}>
      <View className='settings__row'>
        <Text className='settings__grow settings__title'>{policyLabel(policy.id)}</Text>
        <Switch checked={policy.enabled} onChange={(e) => set('enabled', switchValue(e))} />
      </View>
      <View className='settings__chips'>
        {ALERT_SEVERITIES.map((s) => (
          <Text
            key={s}
            className={`settings__chip${policy.severity === s ? ' settings__chip--on' : ''}`}
            onClick={() => set('severity', s)}
          >
            {SEVERITY_LABELS[s]}
          </Text>
        ))}
      </View>
      {Object.entries(policy)
        .filter(([, v]) => typeof v === 'number')
        .map(([k, v]) => (
          <View key={k}>
            <Text className='settings__label'>{NUMBER_LABELS[k] ?? k}</Text>
            <Input
              className='settings__input'
              type='digit'
              data-field={k}
              value={String(v)}
              onInput={(e) => set(k, Number(inputValue(e)))}
            />
          </View>
        ))}
      {typeof policy.sameIssueType === 'boolean' ? (
        <View className='settings__row'>
          <Text className='settings__grow'>只算同一问题类型</Text>
          <Switch checked={policy.sameIssueType} onChange={(e) => set('sameIssueType', switchValue(e))} />
        </View>
      ) : null}
      {Array.isArray(policy.complaintWords) ? (
        <View>
          <Text className='settings__label'>投诉词（逗号或换行分隔）</Text>
          <Textarea
            className='settings__input'
            value={(policy.complaintWords as string[]).join('，')}
            onInput={(e) =>
              set(
                'complaintWords',
                inputValue(e)
                  .split(/[,，\n]/)
                  .map((w) => w.trim())
                  .filter(Boolean),
              )
            }
          />
        </View>
      ) : null}
    </View>
  );
}

/** Alert policies (issue 14): edit the draft (switches, severity, thresholds), then publish it. */
export default function AlertPoliciesPage() {
  const remote = useRemote(() => getAlertPolicies(), []);
  const [policies, setPolicies] = useState<Policy[]>([]);
  const [storm, setStorm] = useState<AlertStormSettings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    const set = remote.data?.draft ?? remote.data?.published;
    if (!set) return;
    setPolicies(set.policies as Policy[]);
    setStorm(set.storm ?? null);
  }, [remote.data]);
  const save = useAction(() => saveAlertPolicies({ policies, ...(storm ? { storm } : {}) }), {
    onDone: async () => {
      setMessage({ ok: true, text: '草稿已保存，发布后生效' });
      await remote.reload();
    },
    onError: (e) => setMessage({ ok: false, text: errorMessage(e) }),
  });
  const publish = useAction(() => publishAlertPolicies(), {
    onDone: async (r) => {
      setMessage({ ok: true, text: `已发布第 ${r.published.version} 版` });
      await remote.reload();
    },
    onError: (e) => setMessage({ ok: false, text: errorMessage(e) }),
  });
  if (remote.error) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!remote.data) return <Loading />;
  return (
    <View className='settings'>
      <View className='settings__card'>
        <Text className='settings__hint'>
          生效中：第 {remote.data.published.version} 版{remote.data.draft ? ' · 有未发布的草稿' : ''}
        </Text>
      </View>
      {policies.map((p, i) => (
        <PolicyCard
          key={p.id}
          policy={p}
          onChange={(next) => setPolicies(policies.map((x, j) => (j === i ? next : x)))}
        />
      ))}
      {storm ? (
        <View className='settings__card' data-part='storm'>
          <Text className='settings__title'>防刷屏</Text>
          {(Object.keys(storm) as (keyof AlertStormSettings)[]).map((k) => (
            <View key={k}>
              <Text className='settings__label'>{NUMBER_LABELS[k] ?? k}</Text>
              <Input
                className='settings__input'
                type='digit'
                data-field={k}
                value={String(storm[k])}
                onInput={(e) => setStorm({ ...storm, [k]: Number(inputValue(e)) })}
              />
            </View>
          ))}
        </View>
      ) : null}
      <View className='settings__card'>
        <View className='settings__chips'>
          <Text className='settings__button settings__button--plain' onClick={() => void save.run()}>
            {save.busy ? '保存中…' : '保存草稿'}
          </Text>
          {remote.data.draft ? (
            <Text className='settings__button' onClick={() => void publish.run()}>
              {publish.busy ? '发布中…' : '发布'}
            </Text>
          ) : null}
        </View>
        {message ? <Text className={message.ok ? 'settings__ok' : 'settings__error'}>{message.text}</Text> : null}
      </View>
    </View>
  );
}
