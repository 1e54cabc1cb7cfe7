/**
 * Quick replies (issue 16): a supervisor keeps their team's templates (an admin any team's and
 * everyone's), which agents tap in the workspace's reply box. Stored masked and audited by the
 * api (`replyTemplates/save`, `replyTemplates/remove`); templates this user may not edit
 * (everyone's, for a supervisor) are listed without the remove button.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import type { ReplyTemplate } from '@core/desk/desk.model';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/use-action';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { listReplyTemplates, removeReplyTemplate, saveReplyTemplate } from '../../../services/desk';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

export default function ReplyTemplates() {
  const { user } = useCurrentUser();
  const list = useRemote(() => listReplyTemplates(), []);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const onError = (e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' });
  const save = useAction(() => saveReplyTemplate(title.trim(), text.trim()), {
    onDone: async () => {
      setTitle('');
      setText('');
      await list.reload();
    },
    onError,
  });
  const remove = useAction((id: string) => removeReplyTemplate(id), { onDone: () => list.reload(), onError });
  const editable = (t: ReplyTemplate) => user?.role === 'admin' || (Boolean(t.team) && t.team === user?.team);

  const items = list.data?.items ?? [];
  return (
    <View className='templates-page'>
      <Text className='templates-page__title'>快捷回复</Text>
      <ErrorBanner message={list.error} />
      {!list.loaded ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState block='templates-list' text='还没有快捷回复' />
      ) : (
        <View className='templates-list'>
          {items.map((t) => (
            <View key={t._id} className='templates-list__item' data-template-id={t._id}>
              <View className='templates-list__head'>
                <Text className='templates-list__name'>{t.title}</Text>
                <Text className='templates-list__scope'>{t.team ?? '全员'}</Text>
              </View>
              <Text className='templates-list__text'>{t.text}</Text>
              {editable(t) ? (
                <AtButton size='small' loading={remove.running?.[0] === t._id} onClick={() => void remove.run(t._id)}>
                  删除
                </AtButton>
              ) : null}
            </View>
          ))}
        </View>
      )}
      <View className='templates-page__form'>
        <TextField
          className='templates-page__input'
          value={title}
          maxlength={40}
          placeholder='标题，如：催发货'
          onChange={setTitle}
        />
        <TextField
          className='templates-page__textarea'
          value={text}
          maxlength={500}
          placeholder='回复内容'
          multiline
          onChange={setText}
        />
        <AtButton
          type='primary'
          size='small'
          loading={save.busy}
          disabled={!title.trim() || !text.trim()}
          onClick={() => void save.run()}
        >
          添加快捷回复
        </AtButton>
      </View>
    </View>
  );
}
