import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { createRound, inspectorStats, listRounds } from '../../../services/calibration';
import { listSessions } from '../../../services/sessions';
import { calibrationRoundUrl, CASES_PAGE } from '../../../utils/routes';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

/** Calibration rounds; supervisors and admins start one: scored sessions, two or more inspectors. */
export default function CalibrationRounds() {
  const { user } = useCurrentUser();
  const creator = user?.role === 'supervisor' || user?.role === 'admin';
  const rounds = useRemote(user ? () => listRounds() : null, [user?._id]);
  const candidates = useRemote(
    creator ? () => Promise.all([listSessions({ status: 'closed', limit: 20 }), inspectorStats()]) : null,
    [creator],
  );
  const [sessions, setSessions] = useState<string[]>([]);
  const [raters, setRaters] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const create = async () => {
    setBusy(true);
    try {
      const round = await createRound({ sessionIds: sessions, inspectorIds: raters });
      void Taro.navigateTo({ url: calibrationRoundUrl(round._id) });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (rounds.error && !rounds.data) return <ErrorBanner message={rounds.error} onRetry={rounds.reload} />;
  if (!rounds.data) return <Loading />;
  const [recent, stats] = candidates.data ?? [null, null];
  return (
    <View className='calib-page'>
      <Text className='calib-page__title' onClick={() => void Taro.navigateTo({ url: CASES_PAGE })}>
        案例库 ›
      </Text>
      <Text className='calib-page__title'>校准轮次</Text>
      {rounds.data.items.length === 0 ? <EmptyState text='暂无校准轮次' /> : null}
      {rounds.data.items.map((r) => (
        <View
          key={r._id}
          className='calib-page__card'
          data-round-id={r._id}
          onClick={() => void Taro.navigateTo({ url: calibrationRoundUrl(r._id) })}
        >
          <View className='calib-page__row'>
            <Text>{r.title}</Text>
            <Text>{r.progress.complete ? '已完成' : `待 ${r.progress.waitingFor.length} 人`}</Text>
          </View>
          <Text className='calib-page__text'>
            {r.sessionIds.length} 通会话 · {r.inspectorIds.length} 名质检员
          </Text>
        </View>
      ))}
      {creator && recent && stats ? (
        <>
          <Text className='calib-page__title'>新建校准：选会话</Text>
          {recent.items
            .filter((s) => s.score)
            .map((s) => (
              <View
                key={s._id}
                className={`calib-page__card ${sessions.includes(s._id) ? 'calib-page__card--on' : ''}`}
                onClick={() => setSessions(toggle(sessions, s._id))}
              >
                <Text className='calib-page__text'>
                  {s.preview?.text ?? s._id} · {s.score?.total} 分
                </Text>
              </View>
            ))}
          <Text className='calib-page__title'>选质检员（至少两名）</Text>
          <View className='calib-page__chips'>
            {stats.items.map((i) => (
              <Text
                key={i.inspectorId}
                className={`calib-page__chip ${raters.includes(i.inspectorId) ? 'calib-page__chip--on' : ''}`}
                onClick={() => setRaters(toggle(raters, i.inspectorId))}
              >
                {i.name}
              </Text>
            ))}
          </View>
          <View className='calib-page__card'>
            <AtButton
              type='primary'
              disabled={busy || sessions.length === 0 || raters.length < 2}
              onClick={() => void create()}
            >
              开始校准（{sessions.length} 通 · {raters.length} 人）
            </AtButton>
          </View>
        </>
      ) : null}
    </View>
  );
}
