/**
 * 我的培训 (issue 16, kb): an agent's weak spots over the last 30 days (each rule's failures and
 * rate against the team), the training recommended for them with the reason, and whether
 * coaching worked: for each notice and assigned training, that rule's failure rate before and
 * after (equal windows) with sample sizes and a 95% interval, or 「样本不足」 until each side has
 * the minimum number of sessions. An agent sees their own (`training/mine`); a supervisor opens
 * it with `?agentId=` for one of their team (`training/profile`, `training/effect`) and can
 * assign a recommended item; opened without one, a supervisor or admin first picks the agent
 * (their team's, from 实时会话 → 坐席培训).
 */
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { EffectItem } from '@core/training/coaching.effect';
import type { WeaknessProfile } from '@core/training/weakness';
import MyStrengths from '../../../components/my-strengths';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import {
  assignTraining,
  listAgentsForTraining,
  myTraining,
  trainingEffect,
  trainingProfile,
} from '../../../services/kb';
import { trainingUrl } from '../../../utils/routes';
import './index.scss';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const signedPct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

const VERDICTS: Record<EffectItem['effect']['verdict'], string> = {
  better: '有改善',
  worse: '变差',
  'no-change': '无显著变化',
  'too-few': '样本不足',
};

interface Loaded {
  profile: WeaknessProfile;
  effects: EffectItem[];
  minSessions: number;
}

async function load(agentId: string | undefined): Promise<Loaded> {
  if (!agentId) return myTraining();
  const [profile, effect] = await Promise.all([trainingProfile(agentId), trainingEffect(agentId)]);
  return { profile, effects: effect.items, minSessions: effect.minSessions };
}

export default function Training() {
  const { params } = useRouter();
  const { user } = useCurrentUser();
  const agentId = params.agentId ? decodeURIComponent(params.agentId) : undefined;
  if (agentId || user?.role === 'agent') return <TrainingView agentId={agentId} />;
  if (!user) return <Loading />;
  return <AgentPicker team={user.role === 'supervisor' ? (user.team ?? '') : undefined} />;
}

/** A supervisor's team's agents (an admin's: everyone), each opening their training page. */
function AgentPicker({ team }: { team: string | undefined }) {
  const agents = useRemote(() => listAgentsForTraining(), []);
  const items = (agents.data?.items ?? []).filter((a) => team === undefined || a.team === team);
  return (
    <View className='training-page'>
      <Text className='training-page__title'>坐席培训</Text>
      <ErrorBanner message={agents.error} />
      {!agents.loaded ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState block='training-rules' text='没有坐席' />
      ) : (
        <View className='training-card'>
          {items.map((a) => (
            <View
              key={a.agentId}
              className='training-card__row'
              data-agent-id={a.agentId}
              onClick={() => void Taro.navigateTo({ url: trainingUrl(a.agentId) })}
            >
              <Text className='training-card__name'>
                {a.name} · {a.agentId}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function TrainingView({ agentId }: { agentId: string | undefined }) {
  const remote = useRemote(() => load(agentId), [agentId]);
  const assign = useAction((itemId: string) => assignTraining(agentId!, itemId), {
    onDone: async () => {
      void Taro.showToast({ title: '已指派', icon: 'success' });
      await remote.reload();
    },
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });

  const data = remote.data;
  if (!data) {
    return (
      <View className='training-page'>
        <ErrorBanner message={remote.error} />
        {remote.loaded ? null : <Loading />}
      </View>
    );
  }
  const { profile, effects, minSessions } = data;
  return (
    <View className='training-page'>
      <Text className='training-page__title'>{agentId ? `坐席 ${agentId} 的培训` : '我的培训'}</Text>
      <View className='training-card'>
        <Text className='training-card__title'>推荐培训</Text>
        {profile.recommendations.length === 0 ? (
          <EmptyState block='training-recs' text='近期没有明显高于团队的失分规则' />
        ) : (
          profile.recommendations.map((r) => (
            <View key={r.itemId} className='training-card__row' data-item-id={r.itemId}>
              <Text className='training-card__name'>{r.title}</Text>
              <Text className='training-card__reason'>{r.reason}</Text>
              {r.link ? <Text className='training-card__meta'>{r.link}</Text> : null}
              {agentId ? (
                <Text className='training-card__action' onClick={() => void assign.run(r.itemId)}>
                  指派
                </Text>
              ) : null}
            </View>
          ))
        )}
      </View>
      <View className='training-card'>
        <Text className='training-card__title'>
          近{profile.days}天失分规则（{profile.sessions} 个会话，团队 {profile.teamSessions} 个）
        </Text>
        {profile.rules.length === 0 ? (
          <EmptyState block='training-rules' text='没有失分规则' />
        ) : (
          profile.rules.map((w) => (
            <View key={w.ruleId} className='training-card__row' data-rule-id={w.ruleId}>
              <Text className='training-card__name'>{w.ruleName}</Text>
              <Text className='training-card__meta'>
                {`失败 ${w.failures}/${w.sessions}（${pct(w.rate)}），团队 ${w.teamFailures}/${w.teamSessions}（${pct(w.teamRate)}）`}
              </Text>
            </View>
          ))
        )}
      </View>
      {agentId ? (
        // Issue 16: what the agent did well, beside the weak spots (agents see it on their inbox).
        <View className='training-card' data-part='strengths'>
          <Text className='training-card__title'>做得好的</Text>
          <MyStrengths agentId={agentId} />
        </View>
      ) : null}
      <View className='training-card'>
        <Text className='training-card__title'>辅导效果</Text>
        <Text className='training-card__meta'>
          通知或培训前后等长时间窗内相关规则的失败率；每侧至少 {minSessions} 个会话才给出结论（更少时 95%
          区间过宽，无法区分改善与波动）。
        </Text>
        {effects.length === 0 ? (
          <EmptyState block='training-effects' text='还没有通知或指派的培训' />
        ) : (
          effects.map(({ kind, id, title, effect: e }) => (
            <View key={id} className='training-card__row' data-effect-id={id}>
              <Text className='training-card__name'>
                {kind === 'training' ? '培训' : '通知'} · {title}
              </Text>
              <Text className='training-card__meta'>
                {`之前 ${e.before.failures}/${e.before.sessions}（${pct(e.before.rate)}）→ 之后 ${e.after.failures}/${e.after.sessions}（${pct(e.after.rate)}），各 ${e.windowDays} 天`}
              </Text>
              <Text className={`training-card__verdict training-card__verdict--${e.verdict}`}>
                {VERDICTS[e.verdict]}
                {e.difference
                  ? `：差 ${signedPct(e.difference.estimate)} 个百分点，95% 区间 [${signedPct(e.difference.low)}, ${signedPct(e.difference.high)}]`
                  : ''}
              </Text>
            </View>
          ))
        )}
      </View>
    </View>
  );
}
