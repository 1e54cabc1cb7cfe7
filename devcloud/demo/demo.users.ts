/**
 * The demo organisation: fixed openids so the development sign-in can offer one account per
 * role, two teams, and agents whose quality profile drives the conversations they get.
 */
import type { User } from '../../cloudfunctions/core/model';

export type QualityProfile = 'excellent' | 'average' | 'poor' | 'risky';

export const DEMO_TEAMS = ['售前一组', '售后二组'] as const;
export type DemoTeam = (typeof DEMO_TEAMS)[number];

export interface DemoAgent {
  openid: string;
  agentId: string;
  name: string;
  team: DemoTeam;
  profile: QualityProfile;
}

export const DEMO_OPENIDS = {
  admin: 'demo-admin',
  supervisor: 'demo-supervisor',
  supervisor2: 'demo-supervisor-2',
  inspector: 'demo-inspector',
  inspector2: 'demo-inspector-2',
  agent: 'demo-agent',
} as const;

// `demo-agent` is average on purpose: signing in as the agent shows a realistic mix of good
// sessions and a few deductions rather than a spotless or a disastrous record.
export const DEMO_AGENTS: readonly DemoAgent[] = [
  { openid: DEMO_OPENIDS.agent, agentId: 'kf001', name: '王晓雨', team: '售前一组', profile: 'average' },
  { openid: 'demo-agent-02', agentId: 'kf002', name: '李静', team: '售前一组', profile: 'excellent' },
  { openid: 'demo-agent-03', agentId: 'kf003', name: '张伟', team: '售前一组', profile: 'poor' },
  { openid: 'demo-agent-04', agentId: 'kf004', name: '陈思琪', team: '售前一组', profile: 'excellent' },
  { openid: 'demo-agent-05', agentId: 'kf005', name: '刘洋', team: '售前一组', profile: 'risky' },
  { openid: 'demo-agent-06', agentId: 'kf006', name: '赵敏', team: '售后二组', profile: 'excellent' },
  { openid: 'demo-agent-07', agentId: 'kf007', name: '孙浩', team: '售后二组', profile: 'average' },
  { openid: 'demo-agent-08', agentId: 'kf008', name: '周婷', team: '售后二组', profile: 'average' },
  { openid: 'demo-agent-09', agentId: 'kf009', name: '吴磊', team: '售后二组', profile: 'risky' },
  { openid: 'demo-agent-10', agentId: 'kf010', name: '郑佳怡', team: '售后二组', profile: 'poor' },
];

export function demoUsers(): User[] {
  return [
    { _id: DEMO_OPENIDS.admin, role: 'admin', name: '系统管理员' },
    { _id: DEMO_OPENIDS.supervisor, role: 'supervisor', name: '林主管', team: '售前一组' },
    { _id: DEMO_OPENIDS.supervisor2, role: 'supervisor', name: '黄主管', team: '售后二组' },
    { _id: DEMO_OPENIDS.inspector, role: 'inspector', name: '质检员小何' },
    { _id: DEMO_OPENIDS.inspector2, role: 'inspector', name: '质检员小马' },
    ...DEMO_AGENTS.map((a): User => ({ _id: a.openid, role: 'agent', name: a.name, team: a.team, agentId: a.agentId })),
  ];
}

export function profileOf(agentId: string): QualityProfile | undefined {
  return DEMO_AGENTS.find((a) => a.agentId === agentId)?.profile;
}
