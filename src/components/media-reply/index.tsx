/**
 * Sending a picture or a mini-program card in the workspace chat (issue 16). 图片 picks one
 * and sends it; 小程序卡片 opens a small form (title, page path). WeChat's refusals come back in
 * Chinese from the api and are shown under the buttons; the page reloads the chat either way
 * (a failed message is stored with its reason).
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AtButton } from 'taro-ui';
import { errorMessage } from '../../services/api.error';
import TextField from '../text-field';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

export interface MediaReplyProps {
  /** Picks and sends a picture; resolves false when the user cancelled the picker. */
  onImage: () => Promise<boolean>;
  onCard: (title: string, pagePath: string) => Promise<void>;
  /**
   * The page a card opens by default.
   * @default 'pages/index/index'
   */
  defaultPage?: string;
}

export default function MediaReply({ onImage, onCard, defaultPage = 'pages/index/index' }: MediaReplyProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [card, setCard] = useState(false);
  const [title, setTitle] = useState('');
  const [page, setPage] = useState(defaultPage);

  const run = async (what: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await what();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='media-reply'>
      <View className='media-reply__buttons'>
        <AtButton size='small' loading={busy && !card} onClick={() => void run(onImage)}>
          图片
        </AtButton>
        <AtButton size='small' onClick={() => setCard(!card)}>
          小程序卡片
        </AtButton>
      </View>
      {card ? (
        <View className='media-reply__card'>
          <TextField
            className='media-reply__input'
            value={title}
            maxlength={60}
            placeholder='卡片标题，如：查看订单详情'
            onChange={setTitle}
          />
          <TextField
            className='media-reply__input'
            value={page}
            maxlength={200}
            placeholder='页面路径，如 pages/order/index?id=1'
            onChange={setPage}
          />
          <AtButton
            type='primary'
            size='small'
            loading={busy}
            disabled={!title.trim() || !page.trim()}
            onClick={() =>
              void run(async () => {
                await onCard(title.trim(), page.trim());
                setCard(false);
                setTitle('');
              })
            }
          >
            发送卡片
          </AtButton>
        </View>
      ) : null}
      {failure ? <Text className='media-reply__failure'>{failure}</Text> : null}
    </View>
  );
}
