/**
 * Issuing a rectification notice by hand from a session (issue 16): supervisors (their team),
 * inspectors and admins open it from the session detail (下发整改), optionally at one message
 * (the evidence) and about one rule the score hit. The problem and the requirement are
 * required; the deadline is 1–30 days (default 3). The api masks, stores, notifies and audits.
 */
import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { issueRectification } from '../../../services/rectifications';
import { getSession } from '../../../services/sessions';
import { inputValue } from '../../../utils/input';
import { rectificationUrl } from '../../../utils/routes';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

const DAYS = [1, 2, 3, 5, 7, 14];

export default function RectificationCreate() {
  const { params } = useRouter();
  const sessionId = params.sessionId ?? '';
  const messageIndex = params.messageIndex !== undefined ? Number(params.messageIndex) : undefined;
  const remote = useRemote(sessionId ? () => getSession(sessionId) : null, [sessionId]);
  const [problem, setProblem] = useState('');
  const [requirement, setRequirement] = useState('');
  const [days, setDays] = useState(3);
  const [ruleId, setRuleId] = useState<string | undefined>(undefined);

  const issue = useAction(
    () =>
      issueRectification({
        sessionId,
        problem: problem.trim(),
        requirement: requirement.trim(),
        deadlineDays: days,
        ...(ruleId ? { ruleId } : {}),
        ...(messageIndex !== undefined && Number.isInteger(messageIndex) ? { messageIndex } : {}),
      }),
    {
      onDone: (r) => {
        void Taro.showToast({ title: '已下发整改通知', icon: 'success' });
        void Taro.redirectTo({ url: rectificationUrl(r._id) });
      },
      onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
    },
  );

  if (!sessionId) return <ErrorBanner message='缺少会话编号' />;
  if (remote.error && !remote.data) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!remote.data) return <Loading />;
  const { session, score, messages } = remote.data;
  // The rules that cost points in this session, to name the problem by.
  const rules = [
    ...new Map((score?.hits ?? []).filter((h) => h.points < 0).map((h) => [h.ruleId, h.ruleName ?? h.ruleId])),
  ];
  const quoted = messageIndex !== undefined ? messages[messageIndex] : undefined;
  return (
    <View className='rectification-page'>
      <View className='rectification-page__card'>
        <Text className='rectification-page__title'>下发整改通知</Text>
        <Text className='rectification-page__meta'>
          客服 {session.agentId ?? '（无人接待）'}
          {session.team ? ` · ${session.team}` : ''}
        </Text>
        {quoted ? (
          <View className='rectification-page__evidence'>
            <Text>证据：第 {messageIndex! + 1} 条消息</Text>
            <Text>{quoted.text}</Text>
          </View>
        ) : null}
      </View>
      <View className='rectification-page__form'>
        {rules.length > 0 ? (
          <>
            <Text className='rectification-page__label'>违反的规则（可选）</Text>
            <View className='rectification-page__chips'>
              {rules.map(([id, name]) => (
                <Text
                  key={id}
                  className={`rectification-page__chip${ruleId === id ? ' rectification-page__chip--on' : ''}`}
                  onClick={() => setRuleId(ruleId === id ? undefined : id)}
                >
                  {name}
                </Text>
              ))}
            </View>
          </>
        ) : null}
        <Text className='rectification-page__label'>问题</Text>
        <Textarea
          className='rectification-page__textarea'
          value={problem}
          maxlength={500}
          placeholder='如：客户催问物流时没有给出预计送达时间'
          onInput={(e) => setProblem(inputValue(e))}
        />
        <Text className='rectification-page__label'>整改要求</Text>
        <Textarea
          className='rectification-page__textarea'
          value={requirement}
          maxlength={500}
          placeholder='如：查询前先告知预计时间，并写明改进做法'
          onInput={(e) => setRequirement(inputValue(e))}
        />
        <Text className='rectification-page__label'>期限</Text>
        <View className='rectification-page__chips'>
          {DAYS.map((d) => (
            <Text
              key={d}
              className={`rectification-page__chip${days === d ? ' rectification-page__chip--on' : ''}`}
              onClick={() => setDays(d)}
            >
              {d} 天
            </Text>
          ))}
        </View>
        <AtButton
          type='primary'
          size='small'
          loading={issue.busy}
          disabled={!problem.trim() || !requirement.trim() || !session.agentId}
          onClick={() => void issue.run()}
        >
          下发
        </AtButton>
      </View>
    </View>
  );
}
