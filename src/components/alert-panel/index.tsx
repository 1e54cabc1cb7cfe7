import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AtButton } from 'taro-ui';
import type { Alert } from '@core/model';
import { locateInExcerpt, splitByHighlights } from '../../utils/highlight';
import { ALERT_STATUS_LABELS, SEVERITY_COLORS, SEVERITY_LABELS, policyLabel } from '../../utils/labels';
import { formatMessageTime } from '../../utils/time';
import NoteDialog from '../note-dialog';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

/** What a supervisor can do from an alert; each resolves when the server has answered. */
export type AlertAction =
  | { kind: 'acknowledge' }
  | { kind: 'resolve'; note: string }
  | { kind: 'false-alarm'; note: string }
  | { kind: 'notify-agent'; text: string }
  | { kind: 'reply'; text: string };

type Ask = Exclude<AlertAction['kind'], 'acknowledge'>;

const ASKS: Record<Ask, { title: string; placeholder: string; required: boolean; confirmText: string }> = {
  resolve: { title: '处理说明', placeholder: '请填写处理结果（必填）', required: true, confirmText: '标记已处理' },
  'false-alarm': { title: '标记为误报', placeholder: '误报原因（选填）', required: false, confirmText: '确认误报' },
  'notify-agent': { title: '通知坐席', placeholder: '要发给坐席的提醒', required: true, confirmText: '发送' },
  reply: { title: '直接回复客户', placeholder: '以主管身份回复客户', required: true, confirmText: '发送' },
};

export interface AlertPanelProps {
  alert: Alert;
  /** The session's messages, to mark each evidence's span inside its excerpt. */
  messages?: Array<{ text: string }>;
  /**
   * Replying to the customer is offered only while the session is open.
   * @default false
   */
  sessionOpen?: boolean;
  /** Runs an action; the dialog closes when it resolves and stays open (for a retry) when it rejects. */
  onAction: (action: AlertAction) => Promise<void>;
  /** Called with the message index of a tapped evidence. */
  onEvidenceTap?: (messageIndex: number) => void;
}

/** An alert's header on the session page: what, why, when, and the supervisor's actions. */
export default function AlertPanel(props: AlertPanelProps) {
  const { alert, messages = [], sessionOpen = false, onAction, onEvidenceTap } = props;
  const [asking, setAsking] = useState<Ask | null>(null);
  const [busy, setBusy] = useState(false);
  const active = alert.status === 'new' || alert.status === 'acknowledged';

  const run = async (action: AlertAction) => {
    setBusy(true);
    try {
      await onAction(action);
      setAsking(null);
    } catch {
      // The page has shown the error; the dialog keeps the text for another try.
    } finally {
      setBusy(false);
    }
  };

  const confirm = (text: string) => {
    if (!asking) return;
    const action: AlertAction =
      asking === 'resolve' || asking === 'false-alarm' ? { kind: asking, note: text } : { kind: asking, text };
    void run(action);
  };

  const ask = asking ? ASKS[asking] : null;
  return (
    <View className='alert-panel'>
      <View className='alert-panel__head'>
        <Text className='alert-panel__severity' style={{ backgroundColor: SEVERITY_COLORS[alert.severity] }}>
          {SEVERITY_LABELS[alert.severity]}
        </Text>
        <Text className='alert-panel__title'>{alert.title}</Text>
      </View>
      <View className='alert-panel__meta'>
        <Text>策略：{policyLabel(alert.policy)}</Text>
        <Text>时间：{formatMessageTime(alert.createdAt)}</Text>
        <Text className='alert-panel__status'>状态：{ALERT_STATUS_LABELS[alert.status]}</Text>
      </View>
      {alert.note ? <Text className='alert-panel__note'>处理说明：{alert.note}</Text> : null}

      {alert.evidence.length > 0 ? (
        <View className='alert-panel__evidence'>
          {alert.evidence.map((e, i) => {
            const full = e.messageIndex === null ? '' : (messages[e.messageIndex]?.text ?? '');
            const segments = splitByHighlights(e.excerpt, [locateInExcerpt(full, e.span, e.excerpt)]);
            return (
              <View
                key={i}
                className='alert-panel__evidence-item'
                onClick={e.messageIndex === null ? undefined : () => onEvidenceTap?.(e.messageIndex as number)}
              >
                {segments.map((s) => (
                  <Text key={s.start} className={s.spanIndices.length > 0 ? 'alert-panel__mark' : undefined}>
                    {s.text}
                  </Text>
                ))}
                <Text className='alert-panel__where'>
                  {e.ruleId ? `${e.ruleId} · ` : ''}
                  {e.messageIndex === null ? '整通会话' : `第 ${e.messageIndex + 1} 条消息 ›`}
                </Text>
              </View>
            );
          })}
        </View>
      ) : null}

      <View className='alert-panel__actions'>
        {alert.status === 'new' ? (
          <AtButton size='small' type='secondary' disabled={busy} onClick={() => void run({ kind: 'acknowledge' })}>
            确认告警
          </AtButton>
        ) : null}
        {active ? (
          <>
            <AtButton size='small' type='primary' disabled={busy} onClick={() => setAsking('resolve')}>
              标记已处理
            </AtButton>
            <AtButton size='small' disabled={busy} onClick={() => setAsking('false-alarm')}>
              误报
            </AtButton>
          </>
        ) : null}
        <AtButton size='small' disabled={busy} onClick={() => setAsking('notify-agent')}>
          通知坐席
        </AtButton>
        {sessionOpen ? (
          <AtButton size='small' disabled={busy} onClick={() => setAsking('reply')}>
            直接回复客户
          </AtButton>
        ) : null}
      </View>

      <NoteDialog
        open={ask !== null}
        title={ask?.title ?? ''}
        placeholder={ask?.placeholder}
        required={ask?.required}
        confirmText={ask?.confirmText}
        busy={busy}
        onConfirm={confirm}
        onCancel={() => setAsking(null)}
      />
    </View>
  );
}
