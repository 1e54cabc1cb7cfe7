import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import type { ActionResult } from '@core/api.contract';
import type { Alert, AlertStatus, ScoreHit } from '@core/model';
import ChatTranscript, { type TranscriptHit } from '../../../components/chat-transcript';
import ScoreSummary from '../../../components/score-summary';
import { getAlert, transitionAlert } from '../../../services/alerts';
import { errorMessage } from '../../../services/api.error';
import { getSession } from '../../../services/sessions';
import { locateInExcerpt, splitByHighlights } from '../../../utils/highlight';
import { ALERT_STATUS_LABELS, SEVERITY_COLORS, SEVERITY_LABELS, channelLabel } from '../../../utils/labels';
import { formatMessageTime } from '../../../utils/time';
import 'taro-ui/lib/style/components/button.scss';
import 'taro-ui/lib/style/components/loading.scss';
import './index.scss';

type Detail = ActionResult<'sessions/get'>;

export default function SessionDetail() {
  const { params } = useRouter();
  const sessionId = params.sessionId ?? '';
  const alertId = params.alertId;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [alert, setAlert] = useState<Alert | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    if (!sessionId) {
      setError('缺少会话编号');
      return;
    }
    Promise.all([getSession(sessionId), alertId ? getAlert(alertId) : Promise.resolve(null)])
      .then(([d, a]) => {
        if (!alive) return;
        setDetail(d);
        setAlert(a);
      })
      .catch((e: unknown) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [sessionId, alertId]);

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

  const move = async (to: Exclude<AlertStatus, 'new'>) => {
    if (!alert) return;
    setBusy(true);
    try {
      setAlert(await transitionAlert(alert._id, to));
      void Taro.showToast({ title: to === 'acknowledged' ? '已确认' : '已处理', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (error) return <View className='app-error'>{error}</View>;
  if (!detail) return <View className='app-empty'>加载中…</View>;

  const { session, messages, score } = detail;
  return (
    <View className='session-detail'>
      {alert ? (
        <View className='session-detail__alert'>
          <View className='session-detail__alert-head'>
            <Text className='session-detail__severity' style={{ backgroundColor: SEVERITY_COLORS[alert.severity] }}>
              {SEVERITY_LABELS[alert.severity]}
            </Text>
            <Text className='session-detail__alert-title'>{alert.title}</Text>
          </View>
          <Text className='session-detail__alert-status'>状态：{ALERT_STATUS_LABELS[alert.status]}</Text>
          <View className='session-detail__actions'>
            {alert.status === 'new' ? (
              <AtButton size='small' type='secondary' disabled={busy} onClick={() => void move('acknowledged')}>
                确认告警
              </AtButton>
            ) : null}
            {alert.status === 'new' || alert.status === 'acknowledged' ? (
              <AtButton size='small' type='primary' disabled={busy} onClick={() => void move('resolved')}>
                标记已处理
              </AtButton>
            ) : null}
          </View>
        </View>
      ) : null}

      <View className='session-detail__info'>
        <Text>客户 {session.customerId}</Text>
        <Text>
          客服 {session.agentId ?? '未分配'}
          {session.team ? ` · ${session.team}` : ''} · {channelLabel(session.channel)}
        </Text>
        <Text>
          {formatMessageTime(session.startedAt)} 开始 · {session.status === 'open' ? '进行中' : '已结束'} ·{' '}
          {session.messageCount} 条消息
        </Text>
      </View>

      <ScoreSummary score={score ?? session.score ?? null} />

      {hits.length > 0 ? (
        <View className='session-detail__hits'>
          <Text className='session-detail__section-title'>命中规则（{hits.length}）</Text>
          {hits.map((hit, i) => (
            <HitRow
              key={`${hit.ruleId}-${i}`}
              hit={hit}
              messageText={hit.messageIndex === null ? '' : (messages[hit.messageIndex]?.text ?? '')}
              onTap={() => goToMessage(hit.messageIndex)}
            />
          ))}
        </View>
      ) : null}

      <Text className='session-detail__section-title session-detail__section-title--padded'>会话记录</Text>
      <ChatTranscript messages={messages} hits={transcriptHits} focusIndex={focus} />
    </View>
  );
}

function HitRow({ hit, messageText, onTap }: { hit: ScoreHit; messageText: string; onTap: () => void }) {
  const inExcerpt = locateInExcerpt(messageText, hit.span, hit.excerpt);
  const segments = splitByHighlights(hit.excerpt, [inExcerpt]);
  return (
    <View className={`hit-row ${hit.redLine ? 'hit-row--red' : ''}`} data-rule-id={hit.ruleId} onClick={onTap}>
      <View className='hit-row__head'>
        <Text className='hit-row__reason'>{hit.reason}</Text>
        <Text className={hit.points < 0 ? 'hit-row__points hit-row__points--minus' : 'hit-row__points'}>
          {hit.points > 0 ? `+${hit.points}` : hit.points}
        </Text>
      </View>
      {hit.excerpt ? (
        <View className='hit-row__excerpt'>
          {segments.map((s) => (
            <Text key={s.start} className={s.spanIndices.length > 0 ? 'hit-row__mark' : undefined}>
              {s.text}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className='hit-row__link'>
        {hit.messageIndex === null ? '整通会话' : `第 ${hit.messageIndex + 1} 条消息 ›`}
        {hit.redLine ? ' · 红线' : ''}
      </Text>
    </View>
  );
}
