import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { AuditRow } from '@core/api.contract';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useRemote } from '../../../hooks/use-remote';
import { listAudit, listUsers } from '../../../services/admin';
import { formatMessageTime } from '../../../utils/time';
import './index.scss';

const PAGE = 20;
const DAY = 86400_000;

/** What an entry is about, in Chinese; an unknown entity shows as it is. */
export const ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  invite: '邀请',
  team: '团队',
  ingestSource: '接入来源',
  deadLetter: '死信',
  settings: '通用设置',
  alertPolicies: '告警策略',
  alert: '告警',
  session: '会话',
  review: '质检',
  appeal: '申诉',
  issueTypeExample: '问题类型样例',
  samplingPlan: '抽检计划',
  reviewTask: '质检任务',
  scorecard: '评分卡',
};
const ENTITIES = ['user', 'invite', 'team', 'ingestSource', 'deadLetter', 'alertPolicies', 'scorecard', 'settings'];
const SPANS = [
  { key: 'all', label: '全部时间', days: 0 },
  { key: '1', label: '24 小时', days: 1 },
  { key: '7', label: '7 天', days: 7 },
  { key: '30', label: '30 天', days: 30 },
];

/** The verbs the audit log records, in Chinese; an unknown one shows as it is. */
export const ACTION_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  save: '保存',
  set: '设置',
  rotate: '轮换密钥',
  disable: '停用',
  deactivate: '停用',
  reactivate: '启用',
  redeemInvite: '使用邀请码',
  replay: '重放',
  discard: '丢弃',
  saveDraft: '保存草稿',
  publish: '发布',
  rollback: '回滚',
  transition: '状态变更',
};

/** Changed fields as `key: value`; times (`…At`, `…Until`) as dates. */
function show(state: AuditRow['before']): string {
  if (state === null) return '（无）';
  return Object.entries(state)
    .map(([k, v]) => {
      if (typeof v === 'number' && /(At|Until)$/.test(k)) return `${k}: ${formatMessageTime(v)}`;
      return `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`;
    })
    .join('，');
}

/** The audit log (issue 14): filter by who, what and when; newest first; paged. */
export default function AuditPage() {
  const users = useRemote(() => listUsers(), []);
  const [by, setBy] = useState<string | undefined>(undefined);
  const [entity, setEntity] = useState<string | undefined>(undefined);
  const [span, setSpan] = useState('all');
  const [skip, setSkip] = useState(0);
  // The window is fixed when a span is picked, so paging does not move under the reader.
  const [opened, setOpened] = useState(() => Date.now());
  const days = SPANS.find((s) => s.key === span)!.days;
  const log = useRemote(
    () => listAudit({ by, entity, ...(days ? { from: opened - days * DAY } : {}), limit: PAGE, skip }),
    [by, entity, span, skip, opened],
  );
  const names = Object.fromEntries((users.data?.items ?? []).map((u) => [u._id, u.name]));
  const pick =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setSkip(0);
      setOpened(Date.now());
    };
  const total = log.data?.total ?? 0;
  return (
    <View className='settings'>
      <View className='settings__card' data-part='filters'>
        <Text className='settings__label'>谁</Text>
        <View className='settings__chips'>
          <Text className={`settings__chip${by ? '' : ' settings__chip--on'}`} onClick={() => pick(setBy)(undefined)}>
            所有人
          </Text>
          {(users.data?.items ?? []).map((u) => (
            <Text
              key={u._id}
              className={`settings__chip${by === u._id ? ' settings__chip--on' : ''}`}
              onClick={() => pick(setBy)(u._id)}
            >
              {u.name}
            </Text>
          ))}
        </View>
        <Text className='settings__label'>什么</Text>
        <View className='settings__chips'>
          <Text
            className={`settings__chip${entity ? '' : ' settings__chip--on'}`}
            onClick={() => pick(setEntity)(undefined)}
          >
            全部
          </Text>
          {ENTITIES.map((e) => (
            <Text
              key={e}
              className={`settings__chip${entity === e ? ' settings__chip--on' : ''}`}
              onClick={() => pick(setEntity)(e)}
            >
              {ENTITY_LABELS[e]}
            </Text>
          ))}
        </View>
        <Text className='settings__label'>何时</Text>
        <View className='settings__chips'>
          {SPANS.map((s) => (
            <Text
              key={s.key}
              className={`settings__chip${span === s.key ? ' settings__chip--on' : ''}`}
              onClick={() => pick(setSpan)(s.key)}
            >
              {s.label}
            </Text>
          ))}
        </View>
      </View>
      <View className='settings__card' data-part='entries'>
        <ErrorBanner message={log.error} onRetry={log.reload} />
        {log.loading && !log.data ? <Loading /> : null}
        {log.data?.items.length === 0 ? <EmptyState text='没有符合条件的记录' /> : null}
        {log.data?.items.map((e) => (
          <View key={e._id} className='settings__row' data-entry={e._id}>
            <View className='settings__grow'>
              <Text>
                {names[e.by] ?? e.by} · {ENTITY_LABELS[e.entity] ?? e.entity} {e.entityId} ·{' '}
                {ACTION_LABELS[e.action] ?? e.action}
              </Text>
              <Text className='settings__hint'>{formatMessageTime(e.at)}</Text>
              <Text className='settings__meta'>
                之前：{show(e.before)}；之后：{show(e.after)}
              </Text>
            </View>
          </View>
        ))}
        <View className='settings__chips'>
          {skip > 0 ? (
            <Text
              className='settings__button settings__button--plain'
              onClick={() => setSkip(Math.max(0, skip - PAGE))}
            >
              上一页
            </Text>
          ) : null}
          <Text className='settings__meta'>
            {total === 0 ? '' : `${skip + 1}-${Math.min(total, skip + PAGE)} / 共 ${total} 条`}
          </Text>
          {skip + PAGE < total ? (
            <Text className='settings__button settings__button--plain' onClick={() => setSkip(skip + PAGE)}>
              下一页
            </Text>
          ) : null}
        </View>
      </View>
    </View>
  );
}
