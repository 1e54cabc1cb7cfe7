/**
 * Teams as admins configure them (issue 14): which supervisors lead a team (alerts of a team's
 * agents are routed to its supervisors: alerts/alert.routing via `users.team`) and the WeCom
 * group robot its alerts are also posted to (`teams.robotWebhook`, read by alerts/robot.webhook.ts).
 * A team exists once a user or a `teams` document names it.
 */
import { isRobotWebhook, maskWebhook, type TeamView } from '../../core/admin/admin.model';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { isActiveUser, type User } from '../../core/model';
import type { Team } from '../alerts/robot.webhook';
import { audit } from '../audit.log';
import { COLLECTIONS, database, rows } from '../cloud';
import { listUsers } from '../users.repository';

function teamView(name: string, doc: Team | undefined, users: User[]): TeamView {
  const members = users.filter((u) => u.team === name && isActiveUser(u));
  return {
    _id: name,
    robotWebhook: doc?.robotWebhook ? maskWebhook(doc.robotWebhook) : null,
    supervisors: members.filter((u) => u.role === 'supervisor').map((u) => ({ _id: u._id, name: u.name })),
    agents: members.filter((u) => u.role === 'agent').length,
  };
}

async function teamDocs(): Promise<Team[]> {
  return rows<Team>(database().collection(COLLECTIONS.teams).limit(1000));
}

export async function listTeams(): Promise<TeamView[]> {
  const [docs, users] = await Promise.all([teamDocs(), listUsers()]);
  const names = new Set([...docs.map((d) => d._id), ...users.flatMap((u) => (u.team ? [u.team] : []))]);
  return [...names].sort().map((n) =>
    teamView(
      n,
      docs.find((d) => d._id === n),
      users,
    ),
  );
}

export interface TeamPatch {
  team: string;
  robotWebhook?: string | null;
  supervisorIds?: string[];
}

export async function saveTeam(p: TeamPatch, by: string, now: number): Promise<TeamView> {
  if (p.robotWebhook && !isRobotWebhook(p.robotWebhook)) {
    throw new DomainError(
      ERROR_CODES.TEAM_BAD_WEBHOOK,
      '群机器人地址应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…（在企业微信群的机器人设置中复制）',
    );
  }
  const [docs, users] = await Promise.all([teamDocs(), listUsers()]);
  const doc = docs.find((d) => d._id === p.team);
  const before = teamView(p.team, doc, users);
  const _ = database().command;
  if (p.supervisorIds) {
    const wanted = new Set(p.supervisorIds);
    for (const id of wanted) {
      const u = users.find((x) => x._id === id);
      if (!u || u.role !== 'supervisor') {
        throw new DomainError(ERROR_CODES.TEAM_BAD_SUPERVISOR, `${id} 不是主管，不能带组`);
      }
    }
    for (const u of users) {
      if (u.role !== 'supervisor') continue;
      const joins = wanted.has(u._id) && u.team !== p.team;
      const leaves = !wanted.has(u._id) && u.team === p.team;
      if (!joins && !leaves) continue;
      await database()
        .collection(COLLECTIONS.users)
        .doc(u._id)
        .update({ data: { team: joins ? p.team : _.remove() } });
      if (joins) u.team = p.team;
      else delete u.team;
    }
  }
  let next: Team = doc ?? { _id: p.team };
  if (p.robotWebhook !== undefined || !doc) {
    const robotWebhook = p.robotWebhook === undefined ? doc?.robotWebhook : p.robotWebhook;
    next = { _id: p.team, ...(robotWebhook ? { robotWebhook } : {}) };
    // `updatedAt`/`updatedBy` also keep the document non-empty when the robot is removed.
    await database()
      .collection(COLLECTIONS.teams)
      .doc(p.team)
      .set({ data: { ...(robotWebhook ? { robotWebhook } : {}), updatedAt: now, updatedBy: by } });
  }
  const after = teamView(p.team, next, users);
  const state = (v: TeamView) => ({ robotWebhook: v.robotWebhook, supervisors: v.supervisors.map((s) => s._id) });
  await audit({
    at: now,
    by,
    entity: 'team',
    entityId: p.team,
    action: 'save',
    before: doc || before.supervisors.length ? state(before) : null,
    after: state(after),
  });
  return after;
}
