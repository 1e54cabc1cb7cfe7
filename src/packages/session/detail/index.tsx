import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import type { ActionResult } from '@core/api.contract';
import type { Alert, ScoreHit } from '@core/model';
import AlertPanel, { type AlertAction } from '../../../components/alert-panel';
import ChatTranscript, { type TranscriptHit } from '../../../components/chat-transcript';
import { ErrorBanner, Loading } from '../../../components/page-state';
import ScoreSummary from '../../../components/score-summary';
import ScoreWaterfall from '../../../components/score-waterfall';
import { getAlert, notifyAgent, transitionAlert } from '../../../services/alerts';
import { errorMessage } from '../../../services/api.error';
import { getSession, replyToCustomer } from '../../../services/sessions';
import { agentLabel, channelLabel } from '../../../utils/labels';
import { rectifyUrl, reviewUrl } from '../../../utils/routes';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { formatMessageTime } from '../../../utils/time';
import 'taro-ui/lib/style/components/button.scss';
import 'taro-ui/lib/style/components/loading.scss';
import './index.scss';
import { useAgentNames } from '../../../hooks/use-agent-names';
import { useRemote } from '../../../hooks/use-remote';

type Detail = ActionResult<'sessions/get'>;

/** The session, and the alert the supervisor came from (if any): one load, shown together. */
async function loadDetail(
  sessionId: string,
  alertId: string | undefined,
): Promise<{ detail: Detail; alert: Alert | null }> {
  const [detail, alert] = await Promise.all([getSession(sessionId), alertId ? getAlert(alertId) : null]);
  return { detail, alert };
}

export default function SessionDetail() {
  const { params } = useRouter();
  const sessionId = params.sessionId ?? '';
  const alertId = params.alertId;
  const agentNames = useAgentNames();
  const { user } = useCurrentUser();
  const reviewer = user?.role === 'inspector' || user?.role === 'supervisor' || user?.role === 'admin';
  const remote = useRemote(sessionId ? () => loadDetail(sessionId, alertId) : null, [sessionId, alertId]);
  const detail = remote.data?.detail ?? null;
  const alert = remote.data?.alert ?? null;
  const setAlert = (next: Alert) => remote.setData((d) => d && { ...d, alert: next });
  const setDetail = (update: (d: Detail) => Detail) => remote.setData((d) => d && { ...d, detail: update(d.detail) });
  // A rectification's evidence opens the session at its message (`messageIndex`, issue 16).
  const [focus, setFocus] = useState<number | null>(
    params.messageIndex !== undefined && /^\d+$/.test(params.messageIndex) ? Number(params.messageIndex) : null,
  );

  const loadedOnce = Boolean(detail);
  useEffect(() => {
    if (loadedOnce && focus !== null)
      void Taro.pageScrollTo({ selector: `#msg-${focus}`, duration: 300 })?.catch?.(() => undefined);
    // Only when the transcript first appears: later taps scroll themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadedOnce]);

  const hits: ScoreHit[] = useMemo(() => detail?.score?.hits ?? [], [detail]);
  const transcriptHits: TranscriptHit[] = useMemo(() => {
    const fromAlert: TranscriptHit[] = (alert?.evidence ?? []).map((e) => ({
      messageIndex: e.messageIndex,
      span: e.span,
      redLine: false,
    }));
    return [...hits.map((h) => ({ messageIndex: h.messageIndex, span: h.span, redLine: h.redLine })), ...fromAlert];
  }, [hits, alert]);

  const goToMessage = (index: number | null) => {
    if (index === null) return;
    setFocus(index);
    void Taro.pageScrollTo({ selector: `#msg-${index}`, duration: 300 }).catch(() => undefined);
  };

  const act = async (action: AlertAction) => {
    if (!alert) return;
    try {
      switch (action.kind) {
        case 'acknowledge':
          setAlert(await transitionAlert(alert._id, 'acknowledged'));
          void Taro.showToast({ title: '已确认', icon: 'success' });
          break;
        case 'resolve':
          setAlert(await transitionAlert(alert._id, 'resolved', action.note));
          void Taro.showToast({ title: '已处理', icon: 'success' });
          break;
        case 'false-alarm':
          setAlert(await transitionAlert(alert._id, 'false-alarm', action.note || undefined));
          void Taro.showToast({ title: '已标记误报', icon: 'success' });
          break;
        case 'notify-agent':
          await notifyAgent(alert._id, action.text);
          void Taro.showToast({ title: '已通知坐席', icon: 'success' });
          break;
        case 'reply': {
          const message = await replyToCustomer(sessionId, action.text);
          setDetail((d) => ({ ...d, messages: [...d.messages, message] }));
          void Taro.showToast({ title: '已回复客户', icon: 'success' });
          break;
        }
      }
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      throw e;
    }
  };

  if (!sessionId) return <ErrorBanner message='缺少会话编号' />;
  if (remote.error && !detail) return <ErrorBanner message={remote.error} />;
  if (!detail) return <Loading />;

  const { session, messages, score } = detail;
  return (
    <View className='session-detail'>
      {alert ? (
        <AlertPanel
          alert={alert}
          messages={messages}
          sessionOpen={session.status === 'open'}
          onAction={act}
          onEvidenceTap={goToMessage}
        />
      ) : null}

      <View className='session-detail__info'>
        <Text>客户 {session.customerId}</Text>
        <Text>
          客服 {agentLabel(session.agentId, agentNames)}
          {session.team ? ` · ${session.team}` : ''} · {channelLabel(session.channel)}
        </Text>
        <Text>
          {formatMessageTime(session.startedAt)} 开始 · {session.status === 'open' ? '进行中' : '已结束'} ·{' '}
          {session.messageCount} 条消息
        </Text>
      </View>

      <ScoreSummary score={score ?? session.score ?? null} />
      {reviewer && score ? (
        <View className='session-detail__review'>
          <AtButton type='primary' size='small' onClick={() => void Taro.navigateTo({ url: reviewUrl(session._id) })}>
            开始质检
          </AtButton>
        </View>
      ) : null}
      {reviewer && session.agentId ? (
        <View className='session-detail__review'>
          {/* Issue 16: a rectification notice by hand, about the message in focus when there is one. */}
          <AtButton size='small' onClick={() => void Taro.navigateTo({ url: rectifyUrl(session._id, focus) })}>
            下发整改
          </AtButton>
        </View>
      ) : null}

      {score ? (
        <>
          <Text className='session-detail__section-title session-detail__section-title--padded'>
            得分明细{hits.length > 0 ? `（命中 ${hits.length} 条）` : ''}
          </Text>
          {/* Which scorecard version scored it: a publish or rollback shows here on the next session. */}
          <Text className='session-detail__scorecard' data-part='scorecard-version'>
            评分卡 {score.scorecardId} v{score.scorecardVersion}
          </Text>
          <ScoreWaterfall score={score} messages={messages} onStepTap={goToMessage} />
        </>
      ) : null}

      <Text className='session-detail__section-title session-detail__section-title--padded'>会话记录</Text>
      <ChatTranscript messages={messages} hits={transcriptHits} focusIndex={focus} />
    </View>
  );
}
