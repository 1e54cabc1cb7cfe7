/**
 * One rectification notice (issue 16): the problem, the rule, the evidence (each opens the
 * session at its message), the requirement and the deadline, its state. The agent acknowledges
 * it with an answer (确认整改; again to change the answer); a supervisor of the team confirms
 * it done once the agent acknowledged (确认完成). The api masks and audits both.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import { STATUS_NAMES } from '@core/rectification/rectification.model';
import { SOURCE_NAMES } from '../../../components/rectification-list';
import { ErrorBanner, Loading } from '../../../components/page-state';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/use-action';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { acknowledgeRectification, confirmRectification, getRectification } from '../../../services/rectifications';
import { sessionAtMessageUrl } from '../../../utils/routes';
import { formatMessageTime } from '../../../utils/time';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

export default function RectificationDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { user } = useCurrentUser();
  const remote = useRemote(id ? () => getRectification(id) : null, [id]);
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const onError = (e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' });
  const ack = useAction(() => acknowledgeRectification(id, answer.trim() || undefined), {
    onDone: (r) => {
      remote.setData(() => r);
      setAnswer('');
      void Taro.showToast({ title: '已确认整改', icon: 'success' });
    },
    onError,
  });
  const confirm = useAction(() => confirmRectification(id, note.trim() || undefined), {
    onDone: (r) => {
      remote.setData(() => r);
      void Taro.showToast({ title: '已确认完成', icon: 'success' });
    },
    onError,
  });

  if (!id) return <ErrorBanner message='缺少整改通知编号' />;
  if (remote.error && !remote.data) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  const r = remote.data;
  if (!r) return <Loading />;
  const agent = user?.role === 'agent';
  const confirmer = (user?.role === 'supervisor' || user?.role === 'admin') && r.status !== 'done';
  return (
    <View className='rectification-page'>
      <View className='rectification-page__card'>
        <View className='rectification-page__row'>
          <Text className='rectification-page__title'>{r.ruleName ?? '整改通知'}</Text>
          <Text className={`rectification-page__status rectification-page__status--${r.status}`}>
            {STATUS_NAMES[r.status]}
          </Text>
        </View>
        <Text className='rectification-page__meta'>
          {SOURCE_NAMES[r.source]} · {r.createdByName} · {formatMessageTime(r.createdAt)}
        </Text>
        <Text className='rectification-page__label'>问题</Text>
        <Text className='rectification-page__text'>{r.problem}</Text>
        <Text className='rectification-page__label'>证据</Text>
        {r.evidence.map((e, i) => (
          <View
            key={i}
            className='rectification-page__evidence'
            data-part='evidence'
            onClick={() => void Taro.navigateTo({ url: sessionAtMessageUrl(r.sessionId, e.messageIndex) })}
          >
            <Text>{e.excerpt || '（整段会话）'}</Text>
            <Text className='rectification-page__link'>
              {e.messageIndex === null ? '查看会话 ›' : `查看第 ${e.messageIndex + 1} 条消息 ›`}
            </Text>
          </View>
        ))}
        <Text className='rectification-page__label'>整改要求</Text>
        <Text className='rectification-page__text'>{r.requirement}</Text>
        <Text
          className={`rectification-page__deadline${r.status === 'overdue' ? ' rectification-page__deadline--late' : ''}`}
        >
          {r.status === 'done' && r.doneAt
            ? `${formatMessageTime(r.doneAt)} 已确认完成${r.doneNote ? `：${r.doneNote}` : ''}`
            : `截止 ${formatMessageTime(r.deadline)}`}
        </Text>
        {r.answer ? (
          <>
            <Text className='rectification-page__label'>我的整改说明</Text>
            <Text className='rectification-page__text'>{r.answer}</Text>
          </>
        ) : null}
      </View>

      {agent && r.status !== 'done' ? (
        <View className='rectification-page__form'>
          <TextField
            className='rectification-page__textarea'
            value={answer}
            maxlength={1000}
            placeholder='写下你的整改说明（如何改进）'
            multiline
            onChange={setAnswer}
          />
          <AtButton type='primary' size='small' loading={ack.busy} onClick={() => void ack.run()}>
            {r.acknowledgedAt ? '更新整改说明' : '确认整改'}
          </AtButton>
        </View>
      ) : null}

      {confirmer ? (
        <View className='rectification-page__form'>
          {r.acknowledgedAt ? null : <Text className='rectification-page__meta'>客服确认整改后才能确认完成</Text>}
          <TextField
            className='rectification-page__textarea'
            value={note}
            maxlength={500}
            placeholder='备注（可选）'
            multiline
            onChange={setNote}
          />
          <AtButton
            type='primary'
            size='small'
            loading={confirm.busy}
            disabled={!r.acknowledgedAt}
            onClick={() => void confirm.run()}
          >
            确认完成
          </AtButton>
        </View>
      ) : null}
    </View>
  );
}
