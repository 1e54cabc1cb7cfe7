/**
 * The workspace's reply box: quick replies (tap to fill the draft), the draft, and the pre-send
 * red-line warning. Sending is the page's: `onSend(text, confirmRedLine)` rejects with the api's
 * error; REPLY.RED_LINE turns into a warning the sender must confirm ("仍然发送") or edit away,
 * any other refusal (WeChat's, in Chinese) is shown under the box. Presentational apart from that.
 */
import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { ReplyTemplate } from '@core/desk/desk.model';
import type { KbArticle } from '@core/kb/kb.model';
import { AtButton } from 'taro-ui';
import { errorMessage, isApiError } from '../../services/api.error';
import { inputValue } from '../../utils/input';
import KbSearch from '../kb-search';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

export interface ReplyBoxProps {
  /**
   * Quick replies of the team and everyone's.
   * @default []
   */
  templates?: ReplyTemplate[];
  /** Resolves once sent; rejects with the api's error. */
  onSend: (text: string, confirmRedLine: boolean) => Promise<void>;
  /**
   * Why the box is shut (taken over, window closed); null: open.
   * @default null
   */
  disabledReason?: string | null;
  /** Knowledge-base search (issue 16, kb): published articles as quick replies; absent, no search box. */
  searchArticles?: (q: string) => Promise<KbArticle[]>;
}

export default function ReplyBox({ templates = [], onSend, disabledReason = null, searchArticles }: ReplyBoxProps) {
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [warning, setWarning] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (confirm: boolean) => {
    const text = draft.trim();
    if (!text || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await onSend(text, confirm);
      setDraft('');
      setWarning(null);
    } catch (e) {
      if (isApiError(e) && e.code === 'REPLY.RED_LINE') setWarning(e.message);
      else setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (disabledReason) return <View className='reply-box reply-box--disabled'>{disabledReason}</View>;
  return (
    <View className='reply-box'>
      {templates.length > 0 ? (
        <View className='reply-box__templates'>
          {templates.map((t) => (
            <Text
              key={t._id}
              className='reply-box__template'
              onClick={() => {
                setDraft(t.text);
                setWarning(null);
              }}
            >
              {t.title}
            </Text>
          ))}
        </View>
      ) : null}
      {searchArticles ? (
        <KbSearch
          search={searchArticles}
          onPick={(text) => {
            setDraft(text);
            setWarning(null);
          }}
        />
      ) : null}
      <Textarea
        className='reply-box__input'
        value={draft}
        maxlength={2000}
        placeholder='输入回复内容'
        onInput={(e) => {
          setDraft(inputValue(e));
          setWarning(null);
        }}
      />
      {warning ? (
        <View className='reply-box__warning' data-state='red-line'>
          <Text>{warning}</Text>
          <View className='reply-box__warning-actions'>
            <AtButton size='small' onClick={() => setWarning(null)}>
              修改
            </AtButton>
            <AtButton size='small' type='primary' loading={busy} onClick={() => void send(true)}>
              仍然发送
            </AtButton>
          </View>
        </View>
      ) : null}
      {failure ? <Text className='reply-box__failure'>{failure}</Text> : null}
      <AtButton type='primary' size='small' loading={busy} disabled={!draft.trim()} onClick={() => void send(false)}>
        发送
      </AtButton>
    </View>
  );
}
