import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { InviteView } from '@core/api.contract';
import { formatInviteCode } from '@core/admin/admin.model';
import { ROLES, type Role, type User } from '@core/model';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import {
  createInvite,
  deactivateUser,
  listInvites,
  listUsers,
  reactivateUser,
  revokeInvite,
  updateUser,
} from '../../../services/admin';
import { ROLE_LABELS } from '../../../utils/labels';
import './index.scss';

const TTLS = [
  { hours: 24, label: '1 天' },
  { hours: 72, label: '3 天' },
  { hours: 168, label: '7 天' },
];
const INVITE_STATES: Record<InviteView['state'], string> = {
  open: '待使用',
  used: '已使用',
  expired: '已过期',
  revoked: '已撤销',
};

function RoleChips({ value, onChange }: { value: Role; onChange: (r: Role) => void }) {
  return (
    <View className='settings__chips'>
      {ROLES.map((r) => (
        <Text
          key={r}
          className={`settings__chip${r === value ? ' settings__chip--on' : ''}`}
          onClick={() => onChange(r)}
        >
          {ROLE_LABELS[r]}
        </Text>
      ))}
    </View>
  );
}

/** An invite: the admin picks role, team (and agentId for an agent); the code is shown once. */
function InviteForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const [role, setRole] = useState<Role>('agent');
  const [team, setTeam] = useState('');
  const [agentId, setAgentId] = useState('');
  const [name, setName] = useState('');
  const [ttl, setTtl] = useState(72);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = useAction(
    () =>
      createInvite({
        role,
        ttlHours: ttl,
        ...(team.trim() ? { team: team.trim() } : {}),
        ...(role === 'agent' && agentId.trim() ? { agentId: agentId.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      }),
    {
      onDone: async (r) => {
        setError(null);
        setCode(r.code);
        await onCreated();
      },
      onError: (e) => setError(errorMessage(e)),
    },
  );
  return (
    <View className='settings__card' data-part='invite'>
      <Text className='settings__title'>邀请开通账号</Text>
      <Text className='settings__label'>角色</Text>
      <RoleChips value={role} onChange={setRole} />
      <TextField className='settings__input' placeholder='团队（可选）' value={team} onChange={setTeam} />
      {role === 'agent' ? (
        <TextField
          className='settings__input'
          placeholder='客服工号 agentId（必填）'
          value={agentId}
          onChange={setAgentId}
        />
      ) : null}
      <TextField className='settings__input' placeholder='姓名（可选）' value={name} onChange={setName} />
      <Text className='settings__label'>有效期</Text>
      <View className='settings__chips'>
        {TTLS.map((t) => (
          <Text
            key={t.hours}
            className={`settings__chip${t.hours === ttl ? ' settings__chip--on' : ''}`}
            onClick={() => setTtl(t.hours)}
          >
            {t.label}
          </Text>
        ))}
      </View>
      <Text className='settings__button' onClick={() => void create.run()}>
        {create.busy ? '生成中…' : '生成邀请码'}
      </Text>
      {error ? <Text className='settings__error'>{error}</Text> : null}
      {code ? (
        <View data-part='code'>
          <Text className='settings__secret'>{formatInviteCode(code)}</Text>
          <Text className='settings__hint'>
            邀请码只显示这一次，且只能使用一次：请现在发给对方，对方在小程序首页「输入邀请码」开通。
          </Text>
        </View>
      ) : null}
    </View>
  );
}

function UserEditor({ user, onSaved }: { user: User; onSaved: () => Promise<void> }) {
  const [role, setRole] = useState<Role>(user.role);
  const [team, setTeam] = useState(user.team ?? '');
  const [agentId, setAgentId] = useState(user.agentId ?? '');
  const [name, setName] = useState(user.name);
  const [error, setError] = useState<string | null>(null);
  const save = useAction(
    () =>
      updateUser({
        userId: user._id,
        role,
        name: name.trim(),
        team: team.trim() || null,
        agentId: role === 'agent' ? agentId.trim() || null : null,
      }),
    { onDone: () => onSaved(), onError: (e) => setError(errorMessage(e)) },
  );
  return (
    <View className='settings__card' data-part='edit'>
      <Text className='settings__label'>编辑 {user.name}</Text>
      <RoleChips value={role} onChange={setRole} />
      <TextField className='settings__input' placeholder='姓名' value={name} onChange={setName} />
      <TextField
        className='settings__input'
        placeholder='团队（空 = 不属于任何团队）'
        value={team}
        onChange={setTeam}
      />
      {role === 'agent' ? (
        <TextField className='settings__input' placeholder='客服工号 agentId' value={agentId} onChange={setAgentId} />
      ) : null}
      <Text className='settings__button' onClick={() => void save.run()}>
        {save.busy ? '保存中…' : '保存'}
      </Text>
      {error ? <Text className='settings__error'>{error}</Text> : null}
    </View>
  );
}

/** Users and invites (issue 14): invite by one-time code, change role/team, deactivate. */
export default function UsersPage() {
  const users = useRemote(() => listUsers(), []);
  const invites = useRemote(() => listInvites(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = useAction((u: User) => (u.deactivated ? reactivateUser(u._id) : deactivateUser(u._id)), {
    onDone: () => users.reload(),
    onError: (e) => setError(errorMessage(e)),
  });
  // Issue 14 gap: an unused invite can be revoked (after a confirm); the list then says 已撤销.
  const revoke = useAction((i: InviteView) => revokeInvite(i._id), {
    onDone: () => invites.reload(),
    onError: (e) => setError(errorMessage(e)),
  });
  const askRevoke = (i: InviteView) =>
    void Taro.showModal({ title: '撤销邀请', content: `撤销尾号 ${i.hint} 的邀请码？撤销后该码无法再使用。` }).then(
      (r) => {
        if (!r.confirm) return;
        setError(null);
        void revoke.run(i);
      },
    );
  return (
    <View className='settings'>
      <InviteForm onCreated={invites.reload} />
      <View className='settings__card' data-part='invites'>
        <Text className='settings__title'>邀请记录</Text>
        {invites.data?.items.length === 0 ? <EmptyState text='还没有邀请' /> : null}
        {invites.data?.items.map((i) => (
          <View key={i._id} className={`settings__row${i.state === 'open' ? '' : ' settings__row--off'}`}>
            <Text className='settings__grow'>
              {ROLE_LABELS[i.role]}
              {i.team ? ` · ${i.team}` : ''}
              {i.name ? ` · ${i.name}` : ''} （尾号 {i.hint}）
            </Text>
            <Text className='settings__meta'>{INVITE_STATES[i.state]}</Text>
            {i.state === 'open' ? (
              <Text
                className='settings__button settings__button--danger'
                data-revoke={i._id}
                onClick={() => askRevoke(i)}
              >
                撤销
              </Text>
            ) : null}
          </View>
        ))}
      </View>
      <View className='settings__card' data-part='users'>
        <Text className='settings__title'>用户</Text>
        <ErrorBanner message={error ?? users.error} onRetry={users.error ? users.reload : undefined} />
        {users.loading && !users.data ? <Loading /> : null}
        {users.data?.items.map((u) => (
          <View key={u._id}>
            <View className={`settings__row${u.deactivated ? ' settings__row--off' : ''}`} data-user={u._id}>
              <Text className='settings__grow'>
                {u.name} · {ROLE_LABELS[u.role]}
                {u.team ? ` · ${u.team}` : ''}
                {u.agentId ? ` · ${u.agentId}` : ''}
                {u.deactivated ? ' · 已停用' : ''}
              </Text>
              <Text
                className='settings__button settings__button--plain'
                onClick={() => setEditing(editing === u._id ? null : u._id)}
              >
                编辑
              </Text>
              <Text
                className={`settings__button ${u.deactivated ? 'settings__button--plain' : 'settings__button--danger'}`}
                onClick={() => {
                  setError(null);
                  void toggle.run(u);
                }}
              >
                {u.deactivated ? '启用' : '停用'}
              </Text>
            </View>
            {editing === u._id ? (
              <UserEditor
                user={u}
                onSaved={async () => {
                  setEditing(null);
                  await users.reload();
                }}
              />
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}
