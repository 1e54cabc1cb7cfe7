/**
 * 培训目录 (issue 16, kb): an admin keeps the training catalogue, each item tagged with the rule
 * ids it trains and skills; agents are recommended the items of the rules they fail more than
 * their team (see 我的培训). Every change is audited by the api.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TrainingItem } from '@core/kb/kb.model';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { listTraining, removeTraining, saveTraining } from '../../../services/kb';
import { splitTags } from '../../../utils/tags';
import './index.scss';

interface Form {
  itemId?: string;
  title: string;
  link: string;
  description: string;
  ruleIds: string;
  skills: string;
}

const EMPTY: Form = { title: '', link: '', description: '', ruleIds: '', skills: '' };

export default function TrainingSettings() {
  const list = useRemote(() => listTraining(), []);
  const [form, setForm] = useState<Form>(EMPTY);
  const [message, setMessage] = useState<string | null>(null);
  const onError = (e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' });
  const save = useAction(
    () =>
      saveTraining({
        ...(form.itemId ? { itemId: form.itemId } : {}),
        title: form.title.trim(),
        link: form.link.trim(),
        description: form.description.trim(),
        ruleIds: splitTags(form.ruleIds),
        skills: splitTags(form.skills),
      }),
    {
      onDone: async ({ item }) => {
        setForm(EMPTY);
        setMessage(`已保存「${item.title}」`);
        await list.reload();
      },
      onError,
    },
  );
  const remove = useAction((id: string) => removeTraining(id), { onDone: () => list.reload(), onError });
  const edit = (t: TrainingItem) =>
    setForm({
      itemId: t._id,
      title: t.title,
      link: t.link,
      description: t.description,
      ruleIds: t.ruleIds.join('，'),
      skills: t.skills.join('，'),
    });

  const items = list.data?.items ?? [];
  return (
    <View className='settings'>
      <View className='settings__card'>
        <Text className='settings__title'>培训目录</Text>
        <Text className='settings__hint'>按规则推荐：坐席某条规则的失败率明显高于团队时，推荐标注了该规则的培训。</Text>
        <ErrorBanner message={list.error} />
        {!list.loaded ? (
          <Loading />
        ) : items.length === 0 ? (
          <EmptyState block='training-list' text='还没有培训条目' />
        ) : (
          <View>
            {items.map((t) => (
              <View key={t._id} className='settings__row' data-item-id={t._id}>
                <View className='settings__grow' onClick={() => edit(t)}>
                  <Text>{t.title}</Text>
                  <Text className='settings__hint'>
                    规则：{t.ruleIds.join('、') || '无'}
                    {t.skills.length ? ` · 技能：${t.skills.join('、')}` : ''}
                  </Text>
                </View>
                <Text className='settings__button settings__button--danger' onClick={() => void remove.run(t._id)}>
                  删除
                </Text>
              </View>
            ))}
          </View>
        )}
      </View>
      <View className='settings__card'>
        <Text className='settings__title'>{form.itemId ? '编辑培训' : '新培训'}</Text>
        <Text className='settings__label'>标题</Text>
        <TextField
          className='settings__input'
          value={form.title}
          maxlength={60}
          placeholder='如：高效回复技巧'
          onChange={(title) => setForm({ ...form, title })}
        />
        <Text className='settings__label'>链接（https://，可空）</Text>
        <TextField
          className='settings__input'
          value={form.link}
          placeholder='https://'
          onChange={(link) => setForm({ ...form, link })}
        />
        <Text className='settings__label'>说明</Text>
        <TextField
          className='settings__input training-form__description'
          value={form.description}
          maxlength={1000}
          multiline
          onChange={(description) => setForm({ ...form, description })}
        />
        <Text className='settings__label'>关联规则 id（逗号分隔，如 slow-reply）</Text>
        <TextField
          className='settings__input'
          value={form.ruleIds}
          onChange={(ruleIds) => setForm({ ...form, ruleIds })}
        />
        <Text className='settings__label'>技能（逗号分隔）</Text>
        <TextField
          className='settings__input'
          value={form.skills}
          placeholder='如：安抚，响应'
          onChange={(skills) => setForm({ ...form, skills })}
        />
        {message ? <Text className='settings__ok'>{message}</Text> : null}
        <View className='settings__chips'>
          <Text className='settings__button' onClick={() => void (form.title.trim() && save.run())}>
            保存
          </Text>
          {form.itemId ? (
            <Text className='settings__button settings__button--plain' onClick={() => setForm(EMPTY)}>
              取消编辑
            </Text>
          ) : null}
        </View>
      </View>
    </View>
  );
}
