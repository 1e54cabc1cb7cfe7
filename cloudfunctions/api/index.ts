/** `api`: the mini-program's single entry point (see router.ts and core/api.contract.ts). */
import {
  alertsGet,
  alertsList,
  alertsNotifyAgent,
  alertsSubscribe,
  alertsSubscription,
  alertsTransition,
} from './routes/alerts.routes';
import { alertPoliciesGet, alertPoliciesPublish, alertPoliciesSaveDraft } from './routes/alert-policies.routes';
import {
  issueExamplesAdd,
  issueExamplesList,
  issueExamplesRemove,
  issueTypesClassify,
} from './routes/issue-types.routes';
import { noticesAck, noticesList } from './routes/notices.routes';
import { messagesReply } from './routes/messages.routes';
import { sessionsClose, sessionsGet, sessionsList, sessionsLive } from './routes/sessions.routes';
import { deadLettersDiscard, deadLettersGet, deadLettersList, deadLettersReplay } from './routes/deadletters.routes';
import { conversationsImport } from './routes/conversations.routes';
import { createRouter, type RouteTable } from './router';
import { meGet } from './routes/me.routes';
import { agentsList } from './routes/agents.routes';
import {
  reviewsAddHit,
  reviewsAnnotate,
  reviewsGet,
  reviewsList,
  reviewsOpen,
  reviewsRemoveAnnotation,
  reviewsRemoveHit,
  reviewsSubmit,
  reviewsVerdict,
} from './routes/reviews.routes';
import { appealsDecide, appealsFile, appealsGet, appealsList, appealsReview } from './routes/appeals.routes';
import {
  calibrationCreate,
  calibrationGet,
  calibrationList,
  calibrationSkip,
  inspectorsStats,
  rulesPrecision,
} from './routes/calibration.routes';
import { casesAdd, casesList, casesRemove } from './routes/cases.routes';
import { plansCreate, plansGet, plansList, plansPreview, tasksList, tasksReassign } from './routes/plans.routes';
import { customersErase, customersExport, retentionGet, retentionSet } from './routes/personal-data.routes';
import { backtestsGet, backtestsLatest, backtestsStart } from './routes/backtests.routes';
import {
  invitesCreate,
  invitesList,
  invitesRedeem,
  teamsList,
  teamsSave,
  usersDeactivate,
  usersList,
  usersReactivate,
  usersUpdate,
} from './routes/admin.routes';
import { sourcesCreate, sourcesDisable, sourcesList, sourcesRotate } from './routes/sources.routes';
import { auditList, settingsGet, settingsSet } from './routes/settings.routes';
import {
  scorecardsDiscardDraft,
  scorecardsDraft,
  scorecardsGet,
  scorecardsList,
  scorecardsPrecedence,
  scorecardsPreview,
  scorecardsPublish,
  scorecardsRollback,
  scorecardsSaveDraft,
} from './routes/scorecards.routes';
import { reportsOverview, reportsRanking, reportsTrend } from './routes/reports.routes';
import { reportsExport, reportsPeriodicGet, reportsPeriodicList } from './routes/report-export.routes';
import { reportsDrivers, reportsTopics } from './routes/report-insights.routes';
import { deskGet, deskList, sessionsTakeover, sessionsTransfer, sessionsWhisper } from './routes/desk.routes';
import { replyTemplatesList, replyTemplatesRemove, replyTemplatesSave } from './routes/reply-templates.routes';
import {
  rectificationsAck,
  rectificationsConfirm,
  rectificationsCreate,
  rectificationsGet,
  rectificationsList,
} from './routes/rectifications.routes';
import { messagesReplyMedia } from './routes/media-reply.routes';
import { kbDraftFromGap, kbGaps, kbList, kbRemove, kbSave } from './routes/kb.routes';
import {
  trainingAssign,
  trainingEffect,
  trainingList,
  trainingMine,
  trainingProfile,
  trainingRemove,
  trainingSave,
} from './routes/training.routes';
import { agentStrengths } from './routes/strengths.routes';
import { invitesRevoke } from './routes/admin.routes';

/** Every action's route; tests compare its keys with ACTION_ACCESS (core/api.contract.ts). */
export const ROUTES: RouteTable = {
  'me/get': meGet,
  'agents/list': agentsList,
  'sessions/list': sessionsList,
  'sessions/get': sessionsGet,
  'sessions/close': sessionsClose,
  'messages/reply': messagesReply,
  'sessions/live': sessionsLive,
  'deadletters/list': deadLettersList,
  'deadletters/get': deadLettersGet,
  'deadletters/replay': deadLettersReplay,
  'conversations/import': conversationsImport,
  'alerts/list': alertsList,
  'alerts/get': alertsGet,
  'alerts/transition': alertsTransition,
  'alerts/subscribe': alertsSubscribe,
  'alerts/subscription': alertsSubscription,
  'alerts/notifyAgent': alertsNotifyAgent,
  'alertPolicies/get': alertPoliciesGet,
  'alertPolicies/saveDraft': alertPoliciesSaveDraft,
  'alertPolicies/publish': alertPoliciesPublish,
  'issueTypes/examples/list': issueExamplesList,
  'issueTypes/examples/add': issueExamplesAdd,
  'issueTypes/examples/remove': issueExamplesRemove,
  'issueTypes/classify': issueTypesClassify,
  'notices/list': noticesList,
  'notices/ack': noticesAck,
  // — reviews (issue 13)
  'reviews/open': reviewsOpen,
  'reviews/get': reviewsGet,
  'reviews/verdict': reviewsVerdict,
  'reviews/addHit': reviewsAddHit,
  'reviews/removeHit': reviewsRemoveHit,
  'reviews/annotate': reviewsAnnotate,
  'reviews/removeAnnotation': reviewsRemoveAnnotation,
  'reviews/submit': reviewsSubmit,
  'reviews/list': reviewsList,
  // — appeals (issue 13)
  'appeals/review': appealsReview,
  'appeals/file': appealsFile,
  'appeals/list': appealsList,
  'appeals/get': appealsGet,
  'appeals/decide': appealsDecide,
  // Calibration, rule precision, inspector statistics and the case library (issue 13, calib)
  'calibration/create': calibrationCreate,
  'calibration/list': calibrationList,
  'calibration/get': calibrationGet,
  'calibration/skip': calibrationSkip,
  'rules/precision': rulesPrecision,
  'inspectors/stats': inspectorsStats,
  'cases/add': casesAdd,
  'cases/list': casesList,
  'cases/remove': casesRemove,
  // Sampling plans and review tasks (issue 13, plans)
  'plans/preview': plansPreview,
  'plans/create': plansCreate,
  'plans/list': plansList,
  'plans/get': plansGet,
  'tasks/list': tasksList,
  'tasks/reassign': tasksReassign,
  'retention/get': retentionGet,
  'retention/set': retentionSet,
  'customers/export': customersExport,
  'customers/erase': customersErase,
  // Back-test of a scorecard draft (issue 14, backtest)
  'backtests/start': backtestsStart,
  'backtests/get': backtestsGet,
  'backtests/latest': backtestsLatest,
  // Admin settings: users, invites, teams, sources, dead letters, audit log (issue 14, admin)
  'invites/create': invitesCreate,
  'invites/list': invitesList,
  'invites/redeem': invitesRedeem,
  'users/list': usersList,
  'users/update': usersUpdate,
  'users/deactivate': usersDeactivate,
  'users/reactivate': usersReactivate,
  'teams/list': teamsList,
  'teams/save': teamsSave,
  'sources/list': sourcesList,
  'sources/create': sourcesCreate,
  'sources/rotate': sourcesRotate,
  'sources/disable': sourcesDisable,
  'deadletters/discard': deadLettersDiscard,
  'audit/list': auditList,
  'settings/get': settingsGet,
  'settings/set': settingsSet,
  // Settings: scorecards (issue 14, scorecards)
  'scorecards/list': scorecardsList,
  'scorecards/get': scorecardsGet,
  'scorecards/draft': scorecardsDraft,
  'scorecards/saveDraft': scorecardsSaveDraft,
  'scorecards/preview': scorecardsPreview,
  'scorecards/publish': scorecardsPublish,
  'scorecards/rollback': scorecardsRollback,
  'scorecards/discardDraft': scorecardsDiscardDraft,
  'scorecards/precedence': scorecardsPrecedence,
  // Reports (issue 15)
  'reports/overview': reportsOverview,
  'reports/trend': reportsTrend,
  'reports/ranking': reportsRanking,
  'reports/export': reportsExport,
  'reports/periodic/list': reportsPeriodicList,
  'reports/periodic/get': reportsPeriodicGet,
  'reports/topics': reportsTopics,
  'reports/drivers': reportsDrivers,
  // The agent's workspace (issue 16, agentdesk)
  'desk/list': deskList,
  'desk/get': deskGet,
  'sessions/transfer': sessionsTransfer,
  'sessions/whisper': sessionsWhisper,
  'sessions/takeover': sessionsTakeover,
  'replyTemplates/list': replyTemplatesList,
  'replyTemplates/save': replyTemplatesSave,
  'replyTemplates/remove': replyTemplatesRemove,
  // Rectification notices and media replies (issue 16, agent-notices)
  'rectifications/create': rectificationsCreate,
  'rectifications/list': rectificationsList,
  'rectifications/get': rectificationsGet,
  'rectifications/ack': rectificationsAck,
  'rectifications/confirm': rectificationsConfirm,
  'messages/replyMedia': messagesReplyMedia,
  // Knowledge base and training (issue 16, kb)
  'kb/list': kbList,
  'kb/save': kbSave,
  'kb/remove': kbRemove,
  'kb/gaps': kbGaps,
  'kb/draftFromGap': kbDraftFromGap,
  'training/list': trainingList,
  'training/save': trainingSave,
  'training/remove': trainingRemove,
  'training/profile': trainingProfile,
  'training/mine': trainingMine,
  'training/assign': trainingAssign,
  'training/effect': trainingEffect,
  // Strengths and access gaps (issue 16 remainder, issue 14 gaps)
  'agent/strengths': agentStrengths,
  'invites/revoke': invitesRevoke,
};

export const handle = createRouter(ROUTES);

export async function main(event: unknown) {
  return handle(event);
}
