import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { SourceView } from '@core/admin/admin.model';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { createSource, disableSource, listSources, rotateSource } from '../../../services/admin';
import { formatMessageTime as formatTime } from '../../../utils/time';
import { inputValue } from '../../../utils/input';
import './index.scss';

const STORAGE: Record<SourceView['storage'], string> = {
  encrypted: '密钥已加密保存',
  plain: '旧版明文密钥（首次使用时自动加密；建议轮换）',
  env: '由环境变量配置，此处不可修改',
};

/** Signed-ingest sources (issue 14): create, rotate (old secret valid 24 h), disable; a secret is shown once. */
export default function SourcesPage() {
  const sources = useRemote(() => listSources(), []);
  const [sourceId, setSourceId] = useState('');
  const [name, setName] = useState('');
  const [shown, setShown] = useState<{ sourceId: string; secret: string; rotated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = (rotated: boolean) => async (r: { source: SourceView; secret: string }) => {
    setError(null);
    setShown({ sourceId: r.source._id, secret: r.secret, rotated });
    await sources.reload();
  };
  const create = useAction(() => createSource(sourceId.trim(), name.trim()), {
    onDone: done(false),
    onError: (e) => setError(errorMessage(e)),
  });
  const rotate = useAction((id: string) => rotateSource(id), {
    onDone: done(true),
    onError: (e) => setError(errorMessage(e)),
  });
  const disable = useAction((id: string) => disableSource(id), {
    onDone: () => sources.reload(),
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <View className='settings'>
      {shown ? (
        <View className='settings__card' data-part='secret'>
          <Text className='settings__title'>{shown.sourceId} 的新密钥</Text>
          <Text className='settings__secret'>{shown.secret}</Text>
          <Text className='settings__hint'>
            密钥只显示这一次，系统中只保存加密后的密钥：请现在复制到对接方的配置中。
            {shown.rotated ? '旧密钥在 24 小时内仍然有效，之后失效。' : ''}
          </Text>
          <Text className='settings__button settings__button--plain' onClick={() => setShown(null)}>
            我已保存
          </Text>
        </View>
      ) : null}
      <View className='settings__card'>
        <Text className='settings__title'>接入来源</Text>
        <ErrorBanner message={error ?? sources.error} onRetry={sources.error ? sources.reload : undefined} />
        {sources.loading && !sources.data ? <Loading /> : null}
        {sources.data?.items.length === 0 ? <EmptyState text='还没有接入来源' /> : null}
        {sources.data?.items.map((s) => (
          <View key={s._id} className={`settings__row${s.enabled ? '' : ' settings__row--off'}`} data-source={s._id}>
            <View className='settings__grow'>
              <Text>
                {s.name}（{s._id}）{s.enabled ? '' : ' · 已停用'}
              </Text>
              <Text className='settings__hint'>
                {STORAGE[s.storage]}
                {s.rotatedAt ? ` · 上次轮换 ${formatTime(s.rotatedAt)}` : ''}
                {s.previousUntil ? ` · 旧密钥有效至 ${formatTime(s.previousUntil)}` : ''}
              </Text>
            </View>
            {s.storage !== 'env' && s.enabled ? (
              <>
                <Text className='settings__button settings__button--plain' onClick={() => void rotate.run(s._id)}>
                  轮换密钥
                </Text>
                <Text className='settings__button settings__button--danger' onClick={() => void disable.run(s._id)}>
                  停用
                </Text>
              </>
            ) : null}
          </View>
        ))}
      </View>
      <View className='settings__card' data-part='create'>
        <Text className='settings__title'>新建来源</Text>
        <Input
          className='settings__input'
          placeholder='来源标识，如 crm'
          value={sourceId}
          onInput={(e) => setSourceId(inputValue(e))}
        />
        <Input
          className='settings__input'
          placeholder='名称，如 客服工单系统'
          value={name}
          onInput={(e) => setName(inputValue(e))}
        />
        <Text className='settings__button' onClick={() => void create.run()}>
          {create.busy ? '创建中…' : '创建并生成密钥'}
        </Text>
      </View>
    </View>
  );
}
