import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useAgentNames } from '../../../hooks/use-agent-names';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { getPlan, reassignTask } from '../../../services/sampling';
import { KIND_LABELS, RECURRENCE_LABELS, TASK_STATUS_LABELS, dueText } from '../../../utils/sampling-routes';
import { MarginTable } from '../plans';
import './index.scss';

/** One plan: progress per inspector, each agent's margins, and its tasks (reassign an open one). */
export default function PlanPage() {
  const { params } = useRouter();
  const planId = params.planId ?? '';
  const names = useAgentNames();
  const plan = useRemote(planId ? () => getPlan(planId) : null, [planId]);
  const [picking, setPicking] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const reassign = useAction((taskId: string, inspectorId: string) => reassignTask(taskId, inspectorId), {
    onDone: async () => {
      setPicking(null);
      setMessage('已转派');
      await plan.reload();
    },
    onError: (e) => setMessage(errorMessage(e)),
  });

  if (!plan.loaded) return <Loading />;
  const d = plan.data;
  if (!d) return <ErrorBanner message={plan.error} />;
  const now = Date.now();
  const inspectorName = (id: string) => d.progress.find((p) => p.inspectorId === id)?.name ?? id;
  return (
    <View className='plans-page'>
      <View className='plans-page__card'>
        <Text className='plans-page__title'>{d.plan.name}</Text>
        <Text className='plans-page__plan-meta'>
          {KIND_LABELS[d.plan.kind]} · {RECURRENCE_LABELS[d.plan.recurrence]} · 已抽 {d.plan.drawn} 通
          {d.plan.unassigned > 0 ? ` · 未分配 ${d.plan.unassigned}` : ''}
        </Text>
      </View>
      <View className='plans-page__card' data-part='progress'>
        <Text className='plans-page__title'>进度</Text>
        {d.progress.map((p) => (
          <View key={p.inspectorId} className='plans-page__progress' data-inspector={p.inspectorId}>
            <Text>{p.name}</Text>
            <Text>
              {p.done}/{p.total}
              {p.overdue > 0 ? <Text className='plans-page__overdue'> 逾期 {p.overdue}</Text> : null}
            </Text>
          </View>
        ))}
      </View>
      <View className='plans-page__card'>
        <Text className='plans-page__title'>各客服误差</Text>
        <MarginTable agents={d.agents} names={names} />
      </View>
      <View className='plans-page__card' data-part='tasks'>
        <Text className='plans-page__title'>任务</Text>
        {message ? <Text className='plans-page__message'>{message}</Text> : null}
        {d.tasks.length === 0 ? <EmptyState text='本计划没有任务' /> : null}
        {d.tasks.map((t) => (
          <View key={t._id} className='plans-page__task' data-task={t._id}>
            <Text className={t.status !== 'done' && t.dueAt < now ? 'plans-page__overdue' : ''}>
              {names[t.agentId ?? ''] ?? t.agentId ?? '-'} · {inspectorName(t.inspectorId)} ·{' '}
              {TASK_STATUS_LABELS[t.status]} · {dueText(t.dueAt, now)}
            </Text>
            {t.status !== 'done' ? (
              <Text className='plans-page__chip' onClick={() => setPicking(picking === t._id ? null : t._id)}>
                转派
              </Text>
            ) : null}
            {picking === t._id ? (
              <View className='plans-page__inspectors'>
                {d.progress
                  .filter((p) => p.inspectorId !== t.inspectorId)
                  .map((p) => (
                    <Text
                      key={p.inspectorId}
                      className='plans-page__chip plans-page__chip--on'
                      onClick={() => void reassign.run(t._id, p.inspectorId)}
                    >
                      给 {p.name}
                    </Text>
                  ))}
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}
