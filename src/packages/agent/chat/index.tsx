/**
 * One live session in the workspace (issue 16). The agent reads the conversation as chat bubbles
 * (the session detail's ChatTranscript), the supervisors' whispers, and the time left in WeChat's
 * 48-hour window; answers through `messages/reply` (ReplyBox: quick replies, the red-line
 * warning), transfers to a colleague or closes. A supervisor opened from the live list whispers
 * to the agent or takes the session over and answers. Polled every 5 s for new messages.
 */
import { useEffect, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import ChatTranscript from '../../../components/chat-transcript';
import { ErrorBanner, Loading } from '../../../components/page-state';
import MediaReply from '../../../components/media-reply';
import ReplyBox from '../../../components/reply-box';
import { pickImageBase64, sendCard, sendImage } from '../../../services/media';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import {
  closeSession,
  getDeskSession,
  listReplyTemplates,
  sendReply,
  takeOver,
  transferSession,
  whisper,
} from '../../../services/desk';
import { listArticles } from '../../../services/kb';
import { inputValue } from '../../../utils/input';
import { formatDuration, formatMessageTime } from '../../../utils/time';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

const REFRESH_MS = 5_000;
/** Below this the window is shown as a warning. */
const WINDOW_WARN_MS = 2 * 3600_000;

/** Published knowledge-base articles containing the words (issue 16, kb). */
const searchKnowledge = async (q: string) => (await listArticles({ q })).items;

function toast(title: string, icon: 'success' | 'none' = 'success') {
  void Taro.showToast({ title, icon });
}

export default function DeskChat() {
  const { params } = useRouter();
  const sessionId = params.sessionId ?? '';
  const { user } = useCurrentUser();
  const view = useRemote(sessionId ? () => getDeskSession(sessionId) : null, [sessionId]);
  const templates = useRemote(() => listReplyTemplates(), []);
  const [note, setNote] = useState('');
  const [showTransfer, setShowTransfer] = useState(false);
  const reload = view.reload;

  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const act = async (run: () => Promise<unknown>, done: string, after?: () => void) => {
    try {
      await run();
      toast(done);
      if (after) after();
      else await reload();
    } catch (e) {
      toast(errorMessage(e), 'none');
    }
  };

  if (!sessionId) return <ErrorBanner message='缺少会话编号' />;
  if (view.error && !view.data) return <ErrorBanner message={view.error} />;
  if (!view.data) return <Loading />;

  const { session, messages, whispers, window: replyWindow, colleagues } = view.data;
  const open = session.status === 'open';
  const supervisor = user?.role === 'supervisor';
  const mineTakeover = session.takenOverBy?.openid === user?._id;
  const back = () => void Taro.navigateBack().catch(() => undefined);

  let disabledReason: string | null = null;
  if (!open) disabledReason = '会话已结束';
  else if (!replyWindow.open) disabledReason = '已超过 48 小时回复时限，无法再向该客户发送客服消息';
  else if (supervisor && !mineTakeover) disabledReason = '接管会话后可直接回复客户';
  else if (!supervisor && session.takenOverBy) disabledReason = `主管${session.takenOverBy.name}已接管，由主管回复客户`;

  // Images and cards (issue 16): a failed one is stored with WeChat's reason, so reload either way.
  const sendMedia = async (sending: () => Promise<unknown>) => {
    try {
      await sending();
    } finally {
      await reload();
    }
  };

  const send = async (text: string, confirmRedLine: boolean) => {
    try {
      await sendReply(sessionId, text, confirmRedLine);
    } finally {
      // A failed send is stored too (with WeChat's reason): show it either way.
      await reload();
    }
  };

  return (
    <View className='desk-chat'>
      <View className='desk-chat__info'>
        <Text className='desk-chat__customer'>客户 {session.customerId}</Text>
        <Text
          className={`desk-chat__window${replyWindow.leftMs < WINDOW_WARN_MS ? ' desk-chat__window--closing' : ''}`}
          data-state='window'
        >
          {replyWindow.open ? `回复窗口剩余 ${formatDuration(replyWindow.leftMs)}` : '48 小时回复窗口已关闭'}
        </Text>
      </View>
      {session.takenOverBy ? (
        <View className='desk-chat__takeover'>
          主管{session.takenOverBy.name}于 {formatMessageTime(session.takenOverBy.at)} 接管了本会话
        </View>
      ) : null}
      <ErrorBanner message={view.error} />
      <ChatTranscript messages={messages} />
      {whispers.length > 0 ? (
        <View className='desk-chat__whispers'>
          <Text className='desk-chat__whispers-title'>主管提示（客户看不到）</Text>
          {whispers.map((w) => (
            <View key={w._id} className='desk-chat__whisper'>
              <Text className='desk-chat__whisper-by'>
                {w.byName} · {formatMessageTime(w.at)}
              </Text>
              <Text>{w.text}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <ReplyBox
        templates={templates.data?.items}
        onSend={send}
        disabledReason={disabledReason}
        searchArticles={searchKnowledge}
      />
      {disabledReason ? null : (
        <MediaReply
          onImage={async () => {
            const image = await pickImageBase64();
            if (image === null) return false;
            await sendMedia(() => sendImage(sessionId, image));
            return true;
          }}
          onCard={(title, pagePath) => sendMedia(() => sendCard(sessionId, title, pagePath))}
        />
      )}

      {open ? (
        <View className='desk-chat__actions'>
          {supervisor ? (
            <>
              <Textarea
                className='desk-chat__note'
                value={note}
                maxlength={500}
                placeholder='给客服的提示（客户看不到）'
                onInput={(e) => setNote(inputValue(e))}
              />
              <AtButton
                size='small'
                disabled={!note.trim()}
                onClick={() =>
                  void act(
                    () => whisper(sessionId, note.trim()),
                    '已提示客服',
                    () => {
                      setNote('');
                      void reload();
                    },
                  )
                }
              >
                悄悄提示客服
              </AtButton>
              {!mineTakeover ? (
                <AtButton size='small' type='primary' onClick={() => void act(() => takeOver(sessionId), '已接管')}>
                  接管会话
                </AtButton>
              ) : null}
            </>
          ) : (
            <AtButton size='small' onClick={() => setShowTransfer(!showTransfer)}>
              转接同事
            </AtButton>
          )}
          {showTransfer && !supervisor ? (
            <View className='desk-chat__colleagues'>
              {colleagues.length === 0 ? <Text>本组没有其他客服</Text> : null}
              {colleagues.map((c) => (
                <Text
                  key={c.agentId}
                  className='desk-chat__colleague'
                  onClick={() => void act(() => transferSession(sessionId, c.agentId), `已转接给${c.name}`, back)}
                >
                  {c.name}
                </Text>
              ))}
            </View>
          ) : null}
          <AtButton size='small' onClick={() => void act(() => closeSession(sessionId), '会话已结束', back)}>
            结束会话
          </AtButton>
        </View>
      ) : null}
    </View>
  );
}
