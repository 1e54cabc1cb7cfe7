import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import CalibrationLinks from '../../../components/calibration-links';
import SessionListHome from '../../../components/session-list-home';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useAgentNames } from '../../../hooks/use-agent-names';
import { useRemote } from '../../../hooks/use-remote';
import { listTasks } from '../../../services/sampling';
import { TASK_STATUS_LABELS, dueText, reviewTaskUrl } from '../../../utils/sampling-routes';
import './index.scss';

const CLOSED = { status: 'closed', limit: 20 } as const;

/** 我的任务: the inspector's open review tasks by due date (overdue in red), with progress. */
function MyTasks() {
  const names = useAgentNames();
  const open = useRemote(() => listTasks({ limit: 50 }), []);
  const done = useRemote(() => listTasks({ status: 'done', limit: 1 }), []);
  if (!open.loaded) return <Loading />;
  const items = (open.data?.items ?? []).filter((t) => t.status !== 'done');
  const now = open.data?.now ?? Date.now();
  const total = open.data?.total ?? 0;
  const finished = done.data?.total ?? 0;
  return (
    <View className='my-tasks' data-part='my-tasks'>
      <View className='home-page__header'>
        我的任务
        <Text className='home-page__count'>
          已完成 {finished}/{total}
        </Text>
      </View>
      <ErrorBanner message={open.error} />
      {items.length === 0 ? <Text className='my-tasks__empty'>暂无待办任务</Text> : null}
      {items.map((t) => (
        <View
          key={t._id}
          className='my-tasks__item'
          data-task={t._id}
          onClick={() => void Taro.navigateTo({ url: reviewTaskUrl(t.sessionId, t._id) })}
        >
          <Text className='my-tasks__agent'>{names[t.agentId ?? ''] ?? t.agentId ?? t.sessionId}</Text>
          <Text className='my-tasks__status'>{TASK_STATUS_LABELS[t.status] ?? t.status}</Text>
          <Text className={`my-tasks__due${t.dueAt < now ? ' my-tasks__due--overdue' : ''}`}>
            {dueText(t.dueAt, now)}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** Review tasks on top, then the closed sessions with their automatic scores. */
export default function InspectorHome() {
  return (
    <View>
      <MyTasks />
      <CalibrationLinks precision />
      <SessionListHome title='待复核会话' params={CLOSED} emptyText='暂无已结束的会话' quickAlerted />
    </View>
  );
}
