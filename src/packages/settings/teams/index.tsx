import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { TeamView } from '@core/admin/admin.model';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { listTeams, listUsers, saveTeam } from '../../../services/admin';
import { inputValue } from '../../../utils/input';
import './index.scss';

function TeamEditor({
  team,
  supervisors,
  onSaved,
}: {
  team: TeamView;
  supervisors: { _id: string; name: string }[];
  onSaved: () => Promise<void>;
}) {
  const [chosen, setChosen] = useState(team.supervisors.map((s) => s._id));
  const [webhook, setWebhook] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useAction(
    (removeRobot: boolean) =>
      saveTeam({
        team: team._id,
        supervisorIds: chosen,
        ...(removeRobot ? { robotWebhook: null } : webhook.trim() ? { robotWebhook: webhook.trim() } : {}),
      }),
    {
      onDone: async () => {
        setWebhook('');
        setError(null);
        await onSaved();
      },
      onError: (e) => setError(errorMessage(e)),
    },
  );
  const flip = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  return (
    <View className='settings__card' data-team={team._id}>
      <Text className='settings__title'>{team._id}</Text>
      <Text className='settings__hint'>客服 {team.agents} 人；本组客服的告警推送给下面选中的主管。</Text>
      <Text className='settings__label'>带组主管</Text>
      <View className='settings__chips'>
        {supervisors.map((s) => (
          <Text
            key={s._id}
            className={`settings__chip${chosen.includes(s._id) ? ' settings__chip--on' : ''}`}
            onClick={() => flip(s._id)}
          >
            {s.name}
          </Text>
        ))}
      </View>
      <Text className='settings__label'>企业微信群机器人</Text>
      <Text className='settings__hint'>{team.robotWebhook ?? '未设置'}</Text>
      <Input
        className='settings__input'
        placeholder='粘贴新的 Webhook 地址（留空则不改）'
        value={webhook}
        onInput={(e) => setWebhook(inputValue(e))}
      />
      <View className='settings__chips'>
        <Text className='settings__button' onClick={() => void save.run(false)}>
          {save.busy ? '保存中…' : '保存'}
        </Text>
        {team.robotWebhook ? (
          <Text className='settings__button settings__button--danger' onClick={() => void save.run(true)}>
            移除机器人
          </Text>
        ) : null}
      </View>
      {error ? <Text className='settings__error'>{error}</Text> : null}
    </View>
  );
}

/** Teams (issue 14): which supervisors lead each team, and its WeCom group robot. */
export default function TeamsPage() {
  const teams = useRemote(() => listTeams(), []);
  const users = useRemote(() => listUsers({ role: 'supervisor' }), []);
  const [name, setName] = useState('');
  const supervisors = (users.data?.items ?? [])
    .filter((u) => !u.deactivated)
    .map((u) => ({ _id: u._id, name: u.name }));
  const add = useAction(() => saveTeam({ team: name.trim() }), {
    onDone: async () => {
      setName('');
      await teams.reload();
    },
  });
  return (
    <View className='settings'>
      <ErrorBanner message={teams.error ?? users.error} onRetry={teams.reload} />
      {teams.loading && !teams.data ? <Loading /> : null}
      {teams.data?.items.length === 0 ? <EmptyState text='还没有团队' /> : null}
      {teams.data?.items.map((t) => (
        <TeamEditor
          key={`${t._id}:${t.robotWebhook}:${t.supervisors.map((s) => s._id).join()}`}
          team={t}
          supervisors={supervisors}
          onSaved={teams.reload}
        />
      ))}
      <View className='settings__card'>
        <Text className='settings__label'>新建团队</Text>
        <Input
          className='settings__input'
          placeholder='团队名称'
          value={name}
          onInput={(e) => setName(inputValue(e))}
        />
        <Text className='settings__button' onClick={() => name.trim() && void add.run()}>
          新建
        </Text>
      </View>
    </View>
  );
}
