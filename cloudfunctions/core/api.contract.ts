/**
 * The contract between the mini-program and the `api` cloud function: one router, one envelope.
 * Pages import these types through `src/services`; the router implements them.
 */
import type {
  Alert,
  AlertPolicySet,
  AlertStatus,
  AlertStormSettings,
  Channel,
  DeadLetter,
  DeadLetterSummary,
  IssueTypeExample,
  Message,
  Notice,
  Role,
  ScoreHit,
  Session,
  SkippedRule,
  StoredScore,
  User,
} from './model';
import type { IssueType } from './text/issue-type.labels';
import type { AppealOutcome, AppealStatus, StoredAppeal } from './inspection/appeal.model';
import type { StoredReview, Verdict } from './inspection/review.model';
import type { ManualScore } from './inspection/review.score';
import type { AgreementMethod, CalibrationRound } from './inspection/calibration.model';
import type { CaseEntry, CaseKind } from './inspection/case-library.model';
import type { Review } from './inspection/review.model';
import type { AnnotationTone, PraiseLabel } from './inspection/review.model';
import type { Strengths } from './inspection/strengths';
import type { ReviewTask } from './inspection/review-task';
import type { AssignMode } from './sampling/sample.assign';
import type { RiskWeights } from './sampling/sample.select';
import type { InspectedFigures } from './sampling/sample.margins';
import type { PlanFilters, PlanKind, PlanSize, Recurrence, SamplingPlan } from './sampling/sampling-plan';
import type { BacktestAnswer } from './backtest/backtest.job';
import type { GeneralSettings, Invite, InviteState, SourceView, TeamView } from './admin/admin.model';
import type { Scorecard } from './scoring/scorecard.schema';
import type { ScorecardChanges } from './scoring/scorecard.diff';
import type { ScorecardEdit } from './scoring/scorecard.edit';
import type { OverviewParams, PeriodRange, ReportOverview } from './reports/report.overview';
import type { PeriodKind } from './reports/report.periods';
import type { TrendPoint } from './reports/report.trends';
import type { RankDimension, RankedRow, RankMetric } from './reports/report.ranking';
import type { ReportExportParams, ReportExportResult } from './reports/report.export';
import type { PeriodicReportView } from './reports/report.review';
import type { DriversView, TopicsView, TopicWindow } from './reports/report.insights';
import type { DeskSession, DeskView, ReplyTemplate, Whisper } from './desk/desk.model';
import type { Rectification, RectificationStatus } from './rectification/rectification.model';
import type { ArticleStatus, KbArticle, TrainingAssignment, TrainingItem } from './kb/kb.model';
import type { GapAnswer } from './kb/kb.gaps';
import type { WeaknessProfile } from './training/weakness';
import type { EffectItem } from './training/coaching.effect';

/*
 * Domain records the actions carry live in the core's model; re-exported here so a caller of
 * the contract finds every type an action names in one import.
 */
export type {
  AlertPolicyConfig,
  AlertPolicySet,
  AlertStormSettings,
  DeadLetter,
  DeadLetterSummary,
  IssueTypeExample,
  Notice,
} from './model';
export type { BacktestAnswer, BacktestJobView } from './backtest/backtest.job';
export type { BacktestReport, MeanChange, Rate, RuleQuality } from './backtest/backtest.report';
export type { Flip } from './backtest/backtest.aggregate';

export type ApiOk<T> = { ok: true; data: T };
export type ApiErr = { ok: false; code: string; message: string; details?: unknown };
export type ApiResponse<T> = ApiOk<T> | ApiErr;

export interface Page<T> {
  items: T[];
  total: number;
}

/** `sessions/list` filters; `from`/`to` bound `startedAt` (ms, from inclusive, to exclusive). */
export interface SessionListFilters {
  status?: 'open' | 'closed';
  agentId?: string;
  team?: string;
  from?: number;
  to?: number;
  channel?: Channel;
  issueType?: string;
  businessLine?: string;
  scoreMin?: number;
  scoreMax?: number;
  passed?: boolean;
  /** Sessions whose automatic score hit this rule. */
  ruleId?: string;
  /** Sessions an alert was raised on (true) or not (false). */
  alerted?: boolean;
}

/** Every action: its parameters, its answer and the roles allowed to call it. */
export interface ApiActions {
  'me/get': { params: Record<string, never>; result: User };
  /** Agents' display names, so lists show 王晓雨 rather than kf001. */
  'agents/list': { params: Record<string, never>; result: { items: AgentEntry[] } };
  'sessions/list': {
    params: SessionListFilters & { limit?: number; skip?: number };
    result: Page<Session>;
  };
  'sessions/get': {
    params: { sessionId: string };
    result: { session: Session; messages: Message[]; score: StoredScore | null };
  };
  'sessions/close': { params: { sessionId: string }; result: { session: Session; score: StoredScore | null } };
  /**
   * `confirmRedLine`: the agent saw the pre-send warning (REPLY.RED_LINE) and sends anyway
   * (the confirmation is audited).
   */
  'messages/reply': {
    params: { sessionId: string; text: string; confirmRedLine?: boolean };
    result: { message: Message };
  };
  'sessions/live': {
    params: { limit?: number };
    result: { items: LiveSession[]; now: number };
  };
  'deadletters/list': {
    params: { replayed?: boolean; discarded?: boolean; limit?: number; skip?: number };
    result: Page<DeadLetterSummary>;
  };
  /** One dead letter whole, its masked `raw` input included. */
  'deadletters/get': { params: { id: string }; result: { deadLetter: DeadLetter } };
  'deadletters/replay': { params: { id: string }; result: { deadLetter: DeadLetter } };
  /** One conversation record (the CLI's JSONL format), parsed as the CLI parses it. Audited. */
  'conversations/import': {
    params: { conversation: unknown };
    result: { outcome: 'stored' | 'duplicate'; sessionId: string; normalised?: string[] };
  };
  'alerts/list': {
    params: { status?: AlertStatus; severity?: Alert['severity']; team?: string; limit?: number; skip?: number };
    result: Page<Alert> & { unread: number };
  };
  'alerts/get': { params: { alertId: string }; result: { alert: Alert } };
  'alerts/transition': {
    params: { alertId: string; to: Exclude<AlertStatus, 'new'>; note?: string };
    result: { alert: Alert };
  };
  /** Consent from `requestSubscribeMessage`: how many notifications the supervisor accepted. */
  'alerts/subscribe': {
    params: { templateId: string; accepted: boolean };
    result: { banked: number };
  };
  /** The supervisor's notification state: consents banked, and whether the UI should ask again. */
  'alerts/subscription': {
    params: Record<string, never>;
    result: { banked: number; templateId: string; askAgain: boolean };
  };
  /** Intervention: a notice to the session's agent (inbox + notification). */
  'alerts/notifyAgent': {
    params: { alertId: string; text: string };
    result: { notice: Notice };
  };
  /** The alert policies in force and the draft being edited (admins). */
  'alertPolicies/get': {
    params: Record<string, never>;
    result: { published: AlertPolicySet; draft: AlertPolicySet | null };
  };
  'alertPolicies/saveDraft': {
    params: { policies: AlertPolicySet['policies']; storm?: AlertStormSettings };
    result: { draft: AlertPolicySet };
  };
  'alertPolicies/publish': { params: Record<string, never>; result: { published: AlertPolicySet } };
  /** Admins' labelled examples that teach the issue-type classifier (all labels, with names). */
  'issueTypes/examples/list': {
    params: Record<string, never>;
    result: { items: IssueTypeExample[]; labels: { id: IssueType; name: string }[] };
  };
  /** Adds an example (masked); the same text again replaces its label. Audited. */
  'issueTypes/examples/add': {
    params: { text: string; label: IssueType };
    result: { example: IssueTypeExample; created: boolean };
  };
  'issueTypes/examples/remove': { params: { id: string }; result: { removed: IssueTypeExample } };
  /** How a customer line would be classified now (seed set plus the stored examples). */
  'issueTypes/classify': {
    params: { text: string };
    result: { ranked: { label: IssueType; name: string; p: number }[]; examples: number };
  };
  /** The agent's inbox: rectification notices and supervisors' messages. */
  'notices/list': {
    params: { unreadOnly?: boolean; limit?: number; skip?: number };
    result: Page<Notice> & { unread: number };
  };
  'notices/ack': { params: { noticeId: string }; result: { notice: Notice } };
  // — reviews (issue 13)
  /** Creates the caller's draft of a scored session, or resumes it (a task, a calibration round). Audited. */
  'reviews/open': {
    params: { sessionId: string; taskId?: string; calibrationRoundId?: string };
    result: { review: StoredReview };
  };
  'reviews/get': {
    params: { reviewId: string };
    result: {
      review: StoredReview;
      session: Session;
      messages: Message[];
      automatic: StoredScore;
      manual: ManualScore;
      rules: { ruleId: string; name: string; points: number }[];
    };
  };
  'reviews/verdict': {
    params: { reviewId: string; key: string; verdict: Verdict | null; reason?: string };
    result: { review: StoredReview };
  };
  'reviews/addHit': {
    params: {
      reviewId: string;
      ruleId: string;
      messageIndex: number | null;
      span: [number, number] | null;
      note?: string;
    };
    result: { review: StoredReview };
  };
  'reviews/removeHit': { params: { reviewId: string; key: string }; result: { review: StoredReview } };
  'reviews/annotate': {
    params: {
      reviewId: string;
      messageIndex: number;
      span: [number, number] | null;
      note?: string;
      problemType?: string;
      /** Issue 16: `praise` marks a strength (never moves the score); a label from PRAISE_LABELS. */
      tone?: AnnotationTone;
      label?: PraiseLabel;
    };
    result: { review: StoredReview };
  };
  'reviews/removeAnnotation': { params: { reviewId: string; key: string }; result: { review: StoredReview } };
  /** Final: the task is done and the agent finds the result in their inbox. */
  /** `rectify` (issue 16): a failed review also issues a rectification notice per rule that cost points. */
  'reviews/submit': { params: { reviewId: string; rectify?: boolean }; result: { review: StoredReview } };
  'reviews/list': {
    params: { status?: 'draft' | 'submitted'; limit?: number; skip?: number };
    result: { items: StoredReview[]; more: boolean };
  };
  // — appeals (issue 13)
  /** A submitted review as its agent reads it: the manual score after any decisions, the appeal, the deadline. */
  'appeals/review': { params: { reviewId: string }; result: AppealView };
  'appeals/file': {
    params: { reviewId: string; items: { key: string; reason: string }[] };
    result: { appeal: StoredAppeal };
  };
  'appeals/list': {
    params: { status?: AppealStatus; limit?: number; skip?: number };
    result: Page<StoredAppeal>;
  };
  'appeals/get': { params: { appealId: string }; result: AppealView & { appeal: StoredAppeal } };
  'appeals/decide': {
    params: { appealId: string; key: string; outcome: AppealOutcome; points?: number; note?: string };
    result: { appeal: StoredAppeal };
  };
  // Calibration, rule precision, inspector statistics and the case library (issue 13, calib)
  /** A blind calibration round over scored sessions (one scorecard version), for ≥ 2 inspectors. Audited. */
  'calibration/create': {
    params: { sessionIds: string[]; inspectorIds: string[]; title?: string };
    result: { round: StoredCalibrationRound };
  };
  /** Rounds in the caller's reach (admins all, supervisors theirs, inspectors those they rate), newest first. */
  'calibration/list': { params: { limit?: number; skip?: number }; result: Page<CalibrationRoundSummary> };
  /** A round: progress, the caller's own sessions to rate, the answers they may see, results when allowed. */
  'calibration/get': { params: { roundId: string }; result: CalibrationRoundDetail };
  /** An inspector of the round declines to rate one session (cannot judge it). Audited. */
  'calibration/skip': { params: { roundId: string; sessionId: string }; result: { round: StoredCalibrationRound } };
  /** Per rule (version): precision of the automatic hits from every reviewer's verdicts, Wilson 95%. */
  'rules/precision': { params: { since?: number }; result: RulePrecisionReport };
  /** Per inspector: reviews, median time per review, calibration consensus, share overturned on appeal. */
  'inspectors/stats': { params: { since?: number }; result: InspectorStatsReport };
  /** Marks a session as an exemplary or cautionary case (stored masked). Audited. */
  'cases/add': {
    params: { sessionId: string; kind: CaseKind; note: string; tags?: string[]; messageIndexes?: number[] };
    result: { case: StoredCase };
  };
  /** The case library, newest first, filtered by tag, issue type, kind and words. */
  'cases/list': {
    params: { tag?: string; issueType?: string; kind?: CaseKind; q?: string; limit?: number; skip?: number };
    result: Page<StoredCase> & { tags: { tag: string; count: number }[]; issueTypes: string[]; capped: boolean };
  };
  /** Removes a case (its creator, a supervisor of its team, or an admin). Audited. */
  'cases/remove': { params: { caseId: string }; result: { removed: StoredCase } };
  // Sampling plans and review tasks (issue 13, plans)
  /** What a plan would draw, and each agent's margins at 95%; writes nothing. */
  'plans/preview': { params: PlanDraft; result: PlanPreview };
  /** Stores the plan and draws its first sample into tasks. Audited. */
  'plans/create': { params: PlanDraft & { name: string }; result: { plan: SamplingPlan; tasks: number } };
  'plans/list': { params: { limit?: number; skip?: number }; result: Page<SamplingPlan> };
  'plans/get': {
    params: { planId: string };
    result: { plan: SamplingPlan; progress: InspectorProgress[]; agents: AgentPlanMargin[]; tasks: ReviewTask[] };
  };
  /** Inspector: own tasks; supervisor: the team's; admin: all. */
  'tasks/list': {
    params: { status?: ReviewTask['status']; planId?: string; limit?: number; skip?: number };
    result: Page<ReviewTask> & { now: number };
  };
  'tasks/reassign': { params: { taskId: string; inspectorId: string }; result: { task: ReviewTask } };
  // Personal-data duties (issue 17): retention and data-subject requests, admins only.
  'retention/get': { params: Record<string, never>; result: { messageDays: number } };
  'retention/set': { params: { messageDays: number }; result: { messageDays: number } };
  /** A page of everything held about a customer, masked as stored. Audited (by a digest). */
  'customers/export': { params: { customerId: string; skip?: number }; result: CustomerExport };
  /** Deletes the customer's messages, anonymises their sessions; rollups stay consistent. Audited. */
  'customers/erase': { params: { customerId: string; confirm: true }; result: ErasureResult };
  // Back-test of a scorecard draft (issue 14, backtest)
  /** Replays the draft `draft:<scorecardId>` over the closed sessions of the past `days` beside the live version. Audited. */
  'backtests/start': { params: { scorecardId: string; days: number }; result: BacktestAnswer };
  /** A job: progress, and the result so far (advances a running job by one chunk). */
  'backtests/get': { params: { jobId: string }; result: BacktestAnswer };
  /** The newest job of a scorecard's drafts (null: never back-tested), stale when the draft changed since. */
  'backtests/latest': { params: { scorecardId: string }; result: BacktestAnswer | { job: null } };
  // Admin settings: users, invites, teams, ingest sources, dead letters, audit log (issue 14, admin)
  /** A one-time code binding `role` (and team, agentId, name) to whoever redeems it; the code is shown once. */
  'invites/create': {
    params: { role: Role; team?: string; agentId?: string; name?: string; ttlHours?: number };
    result: { invite: InviteView; code: string };
  };
  'invites/list': { params: Record<string, never>; result: { items: InviteView[] } };
  /** Any signed-in WeChat user, with an account or without: the invite's role and team become theirs. */
  'invites/redeem': { params: { code: string }; result: { user: User } };
  'users/list': { params: { role?: Role; team?: string }; result: { items: User[] } };
  'users/update': {
    params: { userId: string; role?: Role; team?: string | null; name?: string; agentId?: string | null };
    result: { user: User };
  };
  'users/deactivate': { params: { userId: string }; result: { user: User } };
  'users/reactivate': { params: { userId: string }; result: { user: User } };
  'teams/list': { params: Record<string, never>; result: { items: TeamView[] } };
  /** A team's WeCom robot (null removes it) and, when given, exactly which supervisors lead it. */
  'teams/save': {
    params: { team: string; robotWebhook?: string | null; supervisorIds?: string[] };
    result: { team: TeamView };
  };
  'sources/list': { params: Record<string, never>; result: { items: SourceView[] } };
  /** A new signed-ingest source; its secret is in this answer and nowhere else, ever. */
  'sources/create': { params: { sourceId: string; name: string }; result: { source: SourceView; secret: string } };
  /** A new secret (shown once); the old one still verifies for `graceHours` (default 24, 0 = at once). */
  'sources/rotate': {
    params: { sourceId: string; graceHours?: number };
    result: { source: SourceView; secret: string };
  };
  'sources/disable': { params: { sourceId: string }; result: { source: SourceView } };
  /** Gives up on a dead letter, with a (masked) note: it leaves the replay queue. */
  'deadletters/discard': { params: { id: string; note: string }; result: { deadLetter: DeadLetter } };
  'audit/list': {
    params: {
      by?: string;
      entity?: string;
      action?: string;
      from?: number;
      to?: number;
      limit?: number;
      skip?: number;
    };
    result: Page<AuditRow>;
  };
  'settings/get': { params: Record<string, never>; result: GeneralSettings };
  'settings/set': {
    params: {
      appeals?: Partial<GeneralSettings['appeals']>;
      sampling?: Partial<GeneralSettings['sampling']>;
      reports?: Partial<GeneralSettings['reports']>;
    };
    result: GeneralSettings;
  };
  // Settings: scorecards (issue 14, scorecards)
  /** Every scorecard: scope, live version, versions, draft; and the precedence in force. */
  'scorecards/list': {
    params: Record<string, never>;
    result: { items: ScorecardSummary[]; precedence: PrecedenceView };
  };
  /** The live version, the draft (with what it changes), the version history; `version`: that version too. */
  'scorecards/get': { params: { scorecardId: string; version?: number }; result: ScorecardDetail };
  /** Starts the draft from the live version (the same draft if there is one), or copies a card to a new id. Audited. */
  'scorecards/draft': {
    params: { scorecardId: string; copyAs?: ScorecardCopy };
    result: { draft: StoredScorecardDraft; created: boolean };
  };
  /** Edits the draft (targeted edits or the whole draft), validated; errors name the field in Chinese. Audited. */
  'scorecards/saveDraft': {
    params: { scorecardId: string; edits?: ScorecardEdit[]; draft?: Record<string, unknown> };
    result: { draft: StoredScorecardDraft; changes: ScorecardChanges };
  };
  /** A sample line or a stored session scored with the draft (else the live version): the hits and evidence. */
  'scorecards/preview': {
    params: { scorecardId: string; text?: string; role?: 'customer' | 'agent'; sessionId?: string };
    result: ScorecardPreview;
  };
  /** Publishes the draft as a new immutable version and clears it. Audited. */
  'scorecards/publish': {
    params: { scorecardId: string };
    result: { published: Scorecard; changes: ScorecardChanges };
  };
  /** Makes an earlier version live again by publishing a copy of it as a new version. Audited. */
  'scorecards/rollback': {
    params: { scorecardId: string; version: number };
    result: { published: Scorecard; changes: ScorecardChanges };
  };
  /** Throws the draft away. Audited. */
  'scorecards/discardDraft': { params: { scorecardId: string }; result: { discarded: StoredScorecardDraft } };
  /** The precedence of scoped scorecards and the default; with `set`, stores it. Audited when set. */
  'scorecards/precedence': {
    params: { set?: { order: string[]; defaultId: string } };
    result: PrecedenceView;
  };
  // Reports (issue 15)
  /** Figures of a period from the rollups (never a scan), with intervals, the previous period and the change. */
  'reports/overview': { params: OverviewParams; result: ReportOverview };
  /** The last `points` periods up to `key` with control bands (p-chart for pass rate, EWMA for first response). */
  'reports/trend': {
    params: Omit<OverviewParams, 'dim'> & { points?: number };
    result: { scope: ReportOverview['scope']; points: (TrendPoint & { period: PeriodRange })[] };
  };
  /** Agents (within a team) or teams ranked on one figure, with rank ranges, ties and small samples marked. */
  'reports/ranking': {
    params: { period: PeriodKind; key?: string; dim?: RankDimension; metric?: RankMetric; team?: string };
    result: {
      period: PeriodRange;
      dim: RankDimension;
      metric: RankMetric;
      team?: string;
      higherIsBetter: boolean;
      minN: number;
      rows: RankedRow[];
    };
  };
  // Report exports (issue 15, rep-export)
  /** The overview (with its breakdown) and trend as XLSX or CSV in cloud storage: fileID and a temp URL. Audited. */
  'reports/export': { params: ReportExportParams; result: ReportExportResult };
  /** The caller's periodic review reports (month, quarter, half-year), newest first. */
  'reports/periodic/list': { params: { limit?: number; skip?: number }; result: { items: PeriodicReportView[] } };
  /** One of the caller's periodic reports with a fresh temp link to its XLSX. */
  'reports/periodic/get': { params: { reportId: string }; result: PeriodicReportView & { url: string } };
  // Hot topics and drivers (issue 15, rep-insights): stored by the nightly job; `term`/`feature`: the sessions behind a row
  'reports/topics': {
    params: { window?: TopicWindow; team?: string; term?: string };
    result: { scope: { team?: string }; insight: TopicsView | null; sessions?: Session[] };
  };
  'reports/drivers': {
    params: { team?: string; feature?: string };
    result: { scope: { team?: string }; insight: DriversView | null; minRated: number; sessions?: Session[] };
  };
  // The agent's workspace (issue 16, agentdesk)
  /** The agent's open sessions and the untaken ones of their team, longest-waiting customer first. */
  'desk/list': { params: { limit?: number }; result: { items: DeskSession[]; now: number } };
  /** One live session as the workspace shows it: messages, whispers, the 48-hour window. */
  'desk/get': { params: { sessionId: string }; result: DeskView };
  'sessions/transfer': { params: { sessionId: string; toAgentId: string }; result: { session: Session } };
  'sessions/whisper': { params: { sessionId: string; text: string }; result: { whisper: Whisper } };
  'sessions/takeover': { params: { sessionId: string }; result: { session: Session } };
  'replyTemplates/list': { params: Record<string, never>; result: { items: ReplyTemplate[] } };
  'replyTemplates/save': {
    params: { templateId?: string; title: string; text: string; team?: string };
    result: { template: ReplyTemplate };
  };
  'replyTemplates/remove': { params: { templateId: string }; result: { removed: string } };
  // Rectification notices and media replies (issue 16, agent-notices)
  /** By hand from a session: problem, requirement, optional rule and message, deadline in days (default 3). */
  'rectifications/create': {
    params: {
      sessionId: string;
      ruleId?: string;
      messageIndex?: number;
      problem: string;
      requirement: string;
      deadlineDays?: number;
    };
    result: { rectification: Rectification };
  };
  'rectifications/list': {
    params: { status?: RectificationStatus; agentId?: string; limit?: number; skip?: number };
    result: Page<Rectification>;
  };
  'rectifications/get': { params: { rectificationId: string }; result: { rectification: Rectification } };
  /** The agent acknowledges, with an answer (again: the answer is replaced). */
  'rectifications/ack': {
    params: { rectificationId: string; answer?: string };
    result: { rectification: Rectification };
  };
  /** A supervisor confirms the fix (after the agent acknowledged). */
  'rectifications/confirm': {
    params: { rectificationId: string; note?: string };
    result: { rectification: Rectification };
  };
  /** An image (base64 JPEG/PNG ≤ 2 MB) or a mini-program card, uploaded with uploadTempMedia and sent. */
  'messages/replyMedia': {
    params:
      | { kind: 'image'; sessionId: string; image: string }
      | { kind: 'card'; sessionId: string; title: string; pagePath: string; thumb?: string };
    result: { message: Message };
  };
  // Knowledge base and training (issue 16, kb)
  /** Articles (others than admins: published only), searched by words of title, body and tags (`q`). */
  'kb/list': {
    params: { q?: string; status?: ArticleStatus; issueType?: string };
    result: { items: KbArticle[] };
  };
  'kb/save': {
    params: {
      articleId?: string;
      title: string;
      body: string;
      tags?: string[];
      issueTypes?: string[];
      status?: ArticleStatus;
    };
    result: { article: KbArticle };
  };
  'kb/remove': { params: { articleId: string }; result: { removed: string } };
  /** Topics of questions in sessions that went badly, ranked, matched against articles (bounded read). */
  'kb/gaps': { params: { days?: number }; result: GapAnswer };
  /** A draft article prefilled from a gap's representative questions. */
  'kb/draftFromGap': {
    params: { issueType: string; questions: string[]; title?: string };
    result: { article: KbArticle };
  };
  'training/list': { params: Record<string, never>; result: { items: TrainingItem[] } };
  'training/save': {
    params: {
      itemId?: string;
      title: string;
      link?: string;
      description?: string;
      ruleIds?: string[];
      skills?: string[];
    };
    result: { item: TrainingItem };
  };
  'training/remove': { params: { itemId: string }; result: { removed: string } };
  /** An agent's weakness profile over `days` against the team, with recommendations and reasons. */
  'training/profile': { params: { agentId: string; days?: number }; result: WeaknessProfile };
  /** The calling agent's own profile, assigned training and whether coaching worked (the inbox's part). */
  'training/mine': {
    params: { days?: number };
    result: { profile: WeaknessProfile; effects: EffectItem[]; minSessions: number };
  };
  'training/assign': { params: { agentId: string; itemId: string }; result: { assignment: TrainingAssignment } };
  /** For each notice and assigned training: its rules' failure rate before and after, with a 95% interval. */
  'training/effect': {
    params: { agentId: string; windowDays?: number };
    result: { items: EffectItem[]; minSessions: number };
  };
  // Strengths and access gaps (issue 16 remainder, issue 14 gaps; branch strengths)
  /** Reviewers' praise and bonus-rule hits of an agent over `days` (agents: their own; `agentId` for supervisors and admins). */
  'agent/strengths': { params: { agentId?: string; days?: number }; result: Strengths };
  /** An unused invite stops working (INVITE.REVOKED); a used one cannot be revoked (INVITE.USED). */
  'invites/revoke': { params: { inviteId: string }; result: { invite: InviteView } };
}

/** An invite as listed: never its code. */
export type InviteView = Invite & { state: InviteState };

/** One audit entry as the audit screen reads it (common/audit.log.ts writes them). */
export interface AuditRow {
  _id: string;
  at: number;
  by: string;
  entity: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  refs?: Record<string, string>;
}

// Settings: scorecards (issue 14, scorecards)
/** A draft as stored: a Scorecard with status 'draft', plus when and by whom it was last edited. */
export type StoredScorecardDraft = Scorecard & { updatedAt: number; updatedBy: string };

export interface ScorecardCopy {
  id: string;
  name?: string;
  scope?: { channels?: string[]; businessLines?: string[]; issueTypes?: string[] };
}

export interface ScorecardVersionInfo {
  version: number;
  publishedAt?: number;
  /** Shipped with the code (the default scorecard's versions 1 and 2), not in the store. */
  shipped: boolean;
  live: boolean;
}

export interface ScorecardSummary {
  id: string;
  name: string;
  scope: Scorecard['scope'];
  /** Null for a new card whose first version is still a draft. */
  liveVersion: number | null;
  versions: number[];
  draft: { version: number; basedOn?: number; updatedAt: number; updatedBy: string } | null;
  /** Applies where no scoped card does (the precedence's default). */
  isDefault: boolean;
}

export interface ScorecardDetail {
  live: Scorecard | null;
  draft: StoredScorecardDraft | null;
  /** What the draft changes against the live version. */
  changes: ScorecardChanges | null;
  versions: ScorecardVersionInfo[];
  /** The version asked for (`version`). */
  scorecard?: Scorecard;
}

export interface ScorecardPreview {
  scorecardId: string;
  version: number;
  /** Scored with the draft (false: no draft, with the live version). */
  draft: boolean;
  total: number;
  passed: boolean;
  redLine: boolean;
  /** For a sample line, only the hits with evidence in it. */
  hits: ScoreHit[];
  skipped: SkippedRule[];
  /** The sample line as scored (masked). */
  sample?: { role: 'customer' | 'agent'; text: string };
  /** A stored session: its score today (live version) beside the draft's. */
  current?: { total: number; passed: boolean; scorecardVersion: number } | null;
}

export interface PrecedenceView {
  /** An admin stored it; false: the old rule (most specific, then lowest id) is in force. */
  stored: boolean;
  /** Scoped scorecards, first wins where scopes overlap. */
  order: string[];
  /** The unscoped scorecard that applies where no scoped one does. */
  defaultId: string;
  /** Every published scorecard, for the editor. */
  cards: { id: string; name: string; scope: Scorecard['scope']; scoped: boolean; liveVersion: number }[];
  updatedAt?: number;
  updatedBy?: string;
}

/** A plan as the creation form sends it (preview and create). */
export interface PlanDraft {
  kind: PlanKind;
  filters?: PlanFilters;
  size?: PlanSize;
  riskWeights?: RiskWeights;
  lowScoreBelow?: number;
  period: { from: number; to: number };
  recurrence?: Recurrence;
  inspectorIds?: string[];
  assignMode?: AssignMode;
  inspectorWeights?: Record<string, number>;
  inspectorTeams?: Record<string, string[]>;
  cap?: number;
  inspectorCap?: number;
  dueDays?: number;
}

/** One agent in a plan: candidates N, drawn n, margins at 95% (FPC), planning values, n needed for a target. */
export interface AgentPlanMargin {
  agentId: string;
  population: number;
  sampled: number;
  /** ± proportion; null when it cannot be computed (nothing drawn). */
  passRateMargin: number | null;
  /** ± score points; null when fewer than 2 are drawn (a t-interval needs 2). */
  meanScoreMargin: number | null;
  /** Planning values from the automatic scores. */
  passRate?: number;
  scoreSd?: number;
  needed?: number;
  /** plans/get: what the submitted reviews of the plan say (null before the first). */
  inspected?: InspectedFigures | null;
}

export interface PlanPreview {
  candidates: number;
  drawn: number;
  agents: AgentPlanMargin[];
  /** The risk weights in force (defaults filled in). */
  riskWeights: Required<RiskWeights>;
  /** Inspectors a plan may assign to (for the creation form). */
  inspectors: { id: string; name: string }[];
}

export interface InspectorProgress {
  inspectorId: string;
  name: string;
  total: number;
  done: number;
  overdue: number;
}

/** A submitted review with what an appeal needs beside it. */
export interface AppealView {
  review: StoredReview;
  appeal: StoredAppeal | null;
  /** The manual score with the decisions so far applied. */
  manual: ManualScore;
  /** Filing closes at this time. */
  appealBy: number;
  messages: Message[];
}

/** A calibration round as stored (`calibrationRounds`): the core's shape plus a title. */
export type StoredCalibrationRound = CalibrationRound & { title: string };

export interface CalibrationRoundSummary extends StoredCalibrationRound {
  /** Sessions done (submitted or skipped) per inspector, and who has not finished. */
  progress: { done: Record<string, number>; waitingFor: string[]; complete: boolean };
}

/** A review as the round shows it (the stored review; `_id` = `rv_<session>_<inspector>_<round>`). */
export type RoundReview = Review & { _id: string };

/** One criterion's agreement; κ/α `null` where it is undefined (fewer than two raters, no ratings). */
export interface CriterionResult {
  ruleId: string;
  ruleName: string;
  method: AgreementMethod;
  value: number | null;
  raters: number;
  ambiguous: boolean;
  splits: { sessionId: string; hit: string[]; clear: string[] }[];
  humanVsAutomatic: { kappa: number | null; observed: number | null; n: number };
}

export interface CalibrationRoundDetail {
  round: StoredCalibrationRound;
  progress: { done: Record<string, number>; waitingFor: string[]; complete: boolean };
  inspectors: { id: string; name: string }[];
  sessions: { _id: string; preview?: string; agentId?: string; issueType?: string; score?: number }[];
  /** For an inspector of the round: each session's state for them. */
  mine: { sessionId: string; state: 'todo' | 'draft' | 'submitted' | 'skipped' }[] | null;
  /** Whether everyone's answers are shown (the round is complete); before, an inspector sees only their own. */
  revealed: boolean;
  reviews: RoundReview[];
  /** Agreement per criterion: when the round is complete, or at any time for its creator and admins. */
  results: { complete: boolean; raters: string[]; threshold: number; criteria: CriterionResult[] } | null;
}

export interface RulePrecisionRow {
  ruleId: string;
  ruleVersion: number;
  ruleName: string;
  confirmed: number;
  rejected: number;
  n: number;
  precision: number | null;
  interval: { low: number; high: number };
  flagged: boolean;
  rejectReasons: { reason: string; count: number }[];
}

export interface RulePrecisionReport {
  items: RulePrecisionRow[];
  flagBelow: number;
  minVerdicts: number;
  /** Submitted reviews read; `capped` when there were more than the cap (the newest were read). */
  reviews: number;
  capped: boolean;
  since: number | null;
}

export interface InspectorStatsRow {
  inspectorId: string;
  name: string;
  reviews: number;
  medianMsPerReview: number | null;
  consensus: { agreed: number; compared: number; share: number | null };
  appeals: { decided: number; overturned: number; partly: number; share: number | null };
}

export interface InspectorStatsReport {
  items: InspectorStatsRow[];
  reviews: number;
  rounds: number;
  appeals: number;
  capped: boolean;
  since: number | null;
}

/**
 * A case as stored (`cases`): the core's entry plus the session's agent and team (who may
 * remove it; hidden from other agents on cautionary cases: `anonymous`).
 */
export type StoredCase = CaseEntry & { _id: string; agentId?: string; team?: string; anonymous?: boolean };

export interface AgentEntry {
  agentId: string;
  name: string;
  team?: string;
}

/** An open session as the supervisors' live view shows it. */
export interface LiveSession extends Session {
  /** Milliseconds the oldest unanswered customer message has waited, or 0. */
  waitingMs: number;
}

export type ActionName = keyof ApiActions;
export type ActionParams<A extends ActionName> = ApiActions[A]['params'];
export type ActionResult<A extends ActionName> = ApiActions[A]['result'];

/**
 * Which records of an action a role reaches:
 * - `all`: every record (or the action addresses none: configuration, directories);
 * - `team`: sessions of the caller's team, and those not routed to a team yet;
 * - `agent`: sessions the caller (as an agent) took part in;
 * - `agent-or-untaken`: `agent`, plus a session no agent took yet in the caller's team or none
 *   (the pickup: the first reply takes it);
 * - `routed`: alerts routed to the caller;
 * - `self`: only the caller's own records (their user, notices, consents).
 */
export type AccessScope = 'all' | 'team' | 'agent' | 'agent-or-untaken' | 'routed' | 'self';

/**
 * Every action's door: the roles that may call it and, per role, the records it reaches. The
 * router enforces the roles, the routes the scopes (api/routes/scope.ts, alerts.routes.ts,
 * notices.service.ts), and tests/cloud/api.doors.test.ts walks every action × role × own/other
 * record against this table. A new action without a row does not compile.
 */
export const ACTION_ACCESS: { readonly [A in ActionName]: Readonly<Partial<Record<Role, AccessScope>>> } = {
  'me/get': { admin: 'self', supervisor: 'self', inspector: 'self', agent: 'self' },
  'agents/list': { admin: 'all', supervisor: 'all', inspector: 'all' },
  'sessions/list': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'sessions/get': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'sessions/close': { admin: 'all', supervisor: 'team', agent: 'agent' },
  'messages/reply': { agent: 'agent-or-untaken', supervisor: 'team' },
  'sessions/live': { admin: 'all', supervisor: 'team' },
  'deadletters/list': { admin: 'all' },
  'deadletters/get': { admin: 'all' },
  'deadletters/replay': { admin: 'all' },
  'conversations/import': { admin: 'all' },
  'alerts/list': { admin: 'all', supervisor: 'routed' },
  'alerts/get': { admin: 'all', supervisor: 'routed' },
  'alerts/transition': { admin: 'all', supervisor: 'routed' },
  'alerts/subscribe': { supervisor: 'self', agent: 'self' },
  'alerts/subscription': { supervisor: 'self', agent: 'self' },
  'alerts/notifyAgent': { admin: 'all', supervisor: 'routed' },
  'alertPolicies/get': { admin: 'all' },
  'alertPolicies/saveDraft': { admin: 'all' },
  'alertPolicies/publish': { admin: 'all' },
  'issueTypes/examples/list': { admin: 'all' },
  'issueTypes/examples/add': { admin: 'all' },
  'issueTypes/examples/remove': { admin: 'all' },
  'issueTypes/classify': { admin: 'all' },
  // Supervisors too (issue 16, agent-notices): escalated rectifications and department feedback.
  'notices/list': { supervisor: 'self', agent: 'self' },
  'notices/ack': { supervisor: 'self', agent: 'self' },
  // — reviews (issue 13)
  'reviews/open': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'reviews/get': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'reviews/verdict': { admin: 'self', supervisor: 'self', inspector: 'self' },
  'reviews/addHit': { admin: 'self', supervisor: 'self', inspector: 'self' },
  'reviews/removeHit': { admin: 'self', supervisor: 'self', inspector: 'self' },
  'reviews/annotate': { admin: 'self', supervisor: 'self', inspector: 'self' },
  'reviews/removeAnnotation': { admin: 'self', supervisor: 'self', inspector: 'self' },
  'reviews/submit': { admin: 'self', supervisor: 'self', inspector: 'self' },
  'reviews/list': { admin: 'all', supervisor: 'team', inspector: 'self' },
  // — appeals (issue 13)
  'appeals/review': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'appeals/file': { agent: 'agent' },
  'appeals/list': { admin: 'all', supervisor: 'team', agent: 'agent' },
  'appeals/get': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'appeals/decide': { supervisor: 'team' },
  // Calibration, rule precision, inspector statistics and the case library (issue 13, calib).
  // `self` for rounds: a supervisor's are those they created, an inspector's those they rate;
  // for cases: an inspector's are those they added; `team` for cases: the session's team.
  'calibration/create': { admin: 'all', supervisor: 'team' },
  'calibration/list': { admin: 'all', supervisor: 'self', inspector: 'self' },
  'calibration/get': { admin: 'all', supervisor: 'self', inspector: 'self' },
  'calibration/skip': { inspector: 'self' },
  'rules/precision': { admin: 'all', supervisor: 'all', inspector: 'all' },
  'inspectors/stats': { admin: 'all', supervisor: 'all' },
  'cases/add': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'cases/list': { admin: 'all', supervisor: 'all', inspector: 'all', agent: 'all' },
  'cases/remove': { admin: 'all', supervisor: 'team', inspector: 'self' },
  // Sampling plans and review tasks (issue 13, plans)
  'plans/preview': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'plans/create': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'plans/list': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'plans/get': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'tasks/list': { admin: 'all', supervisor: 'team', inspector: 'self' },
  'tasks/reassign': { admin: 'all', supervisor: 'team' },
  'retention/get': { admin: 'all' },
  'retention/set': { admin: 'all' },
  'customers/export': { admin: 'all' },
  'customers/erase': { admin: 'all' },
  // Back-test of a scorecard draft (issue 14, backtest)
  'backtests/start': { admin: 'all' },
  'backtests/get': { admin: 'all' },
  'backtests/latest': { admin: 'all' },
  // Admin settings (issue 14, admin). `invites/redeem` is also open to a signed-in stranger (OPEN_ACTIONS).
  'invites/create': { admin: 'all' },
  'invites/list': { admin: 'all' },
  'invites/redeem': { admin: 'self', supervisor: 'self', inspector: 'self', agent: 'self' },
  'users/list': { admin: 'all' },
  'users/update': { admin: 'all' },
  'users/deactivate': { admin: 'all' },
  'users/reactivate': { admin: 'all' },
  'teams/list': { admin: 'all' },
  'teams/save': { admin: 'all' },
  'sources/list': { admin: 'all' },
  'sources/create': { admin: 'all' },
  'sources/rotate': { admin: 'all' },
  'sources/disable': { admin: 'all' },
  'deadletters/discard': { admin: 'all' },
  'audit/list': { admin: 'all' },
  'settings/get': { admin: 'all' },
  'settings/set': { admin: 'all' },
  // Settings: scorecards (issue 14, scorecards)
  'scorecards/list': { admin: 'all' },
  'scorecards/get': { admin: 'all' },
  'scorecards/draft': { admin: 'all' },
  'scorecards/saveDraft': { admin: 'all' },
  'scorecards/preview': { admin: 'all' },
  'scorecards/publish': { admin: 'all' },
  'scorecards/rollback': { admin: 'all' },
  'scorecards/discardDraft': { admin: 'all' },
  'scorecards/precedence': { admin: 'all' },
  // Reports (issue 15)
  'reports/overview': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'reports/trend': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'reports/ranking': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'reports/export': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'reports/periodic/list': { admin: 'self', supervisor: 'self', agent: 'self' },
  'reports/periodic/get': { admin: 'self', supervisor: 'self', agent: 'self' },
  // Hot topics and drivers (issue 15, rep-insights): not agents (team-wide, drill into colleagues' sessions)
  'reports/topics': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'reports/drivers': { admin: 'all', supervisor: 'team', inspector: 'all' },
  // The agent's workspace (issue 16, agentdesk); templates: `team` = the team's and everyone's
  'desk/list': { agent: 'agent-or-untaken' },
  'desk/get': { admin: 'all', supervisor: 'team', agent: 'agent-or-untaken' },
  'sessions/transfer': { supervisor: 'team', agent: 'agent' },
  'sessions/whisper': { supervisor: 'team' },
  'sessions/takeover': { supervisor: 'team' },
  'replyTemplates/list': { admin: 'all', supervisor: 'team', agent: 'team' },
  'replyTemplates/save': { admin: 'all', supervisor: 'team' },
  'replyTemplates/remove': { admin: 'all', supervisor: 'team' },
  // Rectification notices and media replies (issue 16, agent-notices)
  'rectifications/create': { admin: 'all', supervisor: 'team', inspector: 'all' },
  'rectifications/list': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'rectifications/get': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'rectifications/ack': { agent: 'agent' },
  'rectifications/confirm': { admin: 'all', supervisor: 'team' },
  'messages/replyMedia': { agent: 'agent-or-untaken', supervisor: 'team' },
  // Knowledge base and training (issue 16, kb): `team` = the supervisor's team's sessions and agents
  'kb/list': { admin: 'all', supervisor: 'all', inspector: 'all', agent: 'all' },
  'kb/save': { admin: 'all' },
  'kb/remove': { admin: 'all' },
  'kb/gaps': { admin: 'all', supervisor: 'team' },
  'kb/draftFromGap': { admin: 'all', supervisor: 'team' },
  'training/list': { admin: 'all', supervisor: 'all', inspector: 'all', agent: 'all' },
  'training/save': { admin: 'all' },
  'training/remove': { admin: 'all' },
  'training/profile': { admin: 'all', supervisor: 'team', agent: 'agent' },
  'training/mine': { agent: 'self' },
  'training/assign': { admin: 'all', supervisor: 'team' },
  'training/effect': { admin: 'all', supervisor: 'team', agent: 'agent' },
  // Strengths and access gaps (issue 16 remainder, issue 14 gaps)
  'agent/strengths': { admin: 'all', supervisor: 'team', agent: 'agent' },
  'invites/revoke': { admin: 'all' },
};

/**
 * Actions a signed-in WeChat user without an account may call too (the router lets an unknown
 * OPENID through to them; a missing OPENID or a deactivated account is still refused). Only
 * the redemption of an invite: it is how a stranger becomes a user.
 */
export const OPEN_ACTIONS: readonly ActionName[] = ['invites/redeem'];

/**
 * Actions that change stored state: each writes one audit entry with `before`/`after`
 * (common/audit.log.ts), which tests/cloud/api.audit.test.ts checks for every one of them.
 * Reads are `false` and must write no audit entry; the table makes the choice explicit for
 * each new action.
 */
export const ACTION_CHANGES_STATE: { readonly [A in ActionName]: boolean } = {
  'me/get': false,
  'agents/list': false,
  'sessions/list': false,
  'sessions/get': false,
  'sessions/close': true,
  'messages/reply': true,
  'sessions/live': false,
  'deadletters/list': false,
  'deadletters/get': false,
  'deadletters/replay': true,
  'conversations/import': true,
  'alerts/list': false,
  'alerts/get': false,
  'alerts/transition': true,
  'alerts/subscribe': true,
  'alerts/subscription': false,
  'alerts/notifyAgent': true,
  'alertPolicies/get': false,
  'alertPolicies/saveDraft': true,
  'alertPolicies/publish': true,
  'issueTypes/examples/list': false,
  'issueTypes/examples/add': true,
  'issueTypes/examples/remove': true,
  'issueTypes/classify': false,
  'notices/list': false,
  'notices/ack': true,
  // — reviews (issue 13)
  'reviews/open': true,
  'reviews/get': false,
  'reviews/verdict': true,
  'reviews/addHit': true,
  'reviews/removeHit': true,
  'reviews/annotate': true,
  'reviews/removeAnnotation': true,
  'reviews/submit': true,
  'reviews/list': false,
  // — appeals (issue 13)
  'appeals/review': false,
  'appeals/file': true,
  'appeals/list': false,
  'appeals/get': false,
  'appeals/decide': true,
  // Calibration, rule precision, inspector statistics and the case library (issue 13, calib)
  'calibration/create': true,
  'calibration/list': false,
  'calibration/get': false,
  'calibration/skip': true,
  'rules/precision': false,
  'inspectors/stats': false,
  'cases/add': true,
  'cases/list': false,
  'cases/remove': true,
  // Sampling plans and review tasks (issue 13, plans)
  'plans/preview': false,
  'plans/create': true,
  'plans/list': false,
  'plans/get': false,
  'tasks/list': false,
  'tasks/reassign': true,
  'retention/get': false,
  'retention/set': true,
  'customers/export': true, // reads, but every export of personal data is audited
  'customers/erase': true,
  // Back-test of a scorecard draft (issue 14, backtest). `get` continues a started job's
  // computation (its cursor and partial result), which the start's audit entry already covers.
  'backtests/start': true,
  'backtests/get': false,
  'backtests/latest': false,
  // Admin settings (issue 14, admin)
  'invites/create': true,
  'invites/list': false,
  'invites/redeem': true,
  'users/list': false,
  'users/update': true,
  'users/deactivate': true,
  'users/reactivate': true,
  'teams/list': false,
  'teams/save': true,
  'sources/list': false,
  'sources/create': true,
  'sources/rotate': true,
  'sources/disable': true,
  'deadletters/discard': true,
  'audit/list': false,
  'settings/get': false,
  'settings/set': true,
  // Settings: scorecards (issue 14, scorecards); precedence writes only with `set`
  'scorecards/list': false,
  'scorecards/get': false,
  'scorecards/draft': true,
  'scorecards/saveDraft': true,
  'scorecards/preview': false,
  'scorecards/publish': true,
  'scorecards/rollback': true,
  'scorecards/discardDraft': true,
  'scorecards/precedence': true,
  // Reports (issue 15)
  'reports/overview': false,
  'reports/trend': false,
  'reports/ranking': false,
  'reports/export': true, // writes a file and its record; audited like every export
  'reports/periodic/list': false,
  'reports/periodic/get': false,
  'reports/topics': false,
  'reports/drivers': false,
  // The agent's workspace (issue 16, agentdesk)
  'desk/list': false,
  'desk/get': false,
  'sessions/transfer': true,
  'sessions/whisper': true,
  'sessions/takeover': true,
  'replyTemplates/list': false,
  'replyTemplates/save': true,
  'replyTemplates/remove': true,
  // Rectification notices and media replies (issue 16, agent-notices)
  'rectifications/create': true,
  'rectifications/list': false,
  'rectifications/get': false,
  'rectifications/ack': true,
  'rectifications/confirm': true,
  'messages/replyMedia': true,
  'kb/list': false,
  'kb/save': true,
  'kb/remove': true,
  'kb/gaps': false,
  'kb/draftFromGap': true,
  'training/list': false,
  'training/save': true,
  'training/remove': true,
  'training/profile': false,
  'training/mine': false,
  'training/assign': true,
  'training/effect': false,
  // Strengths and access gaps (issue 16 remainder, issue 14 gaps)
  'agent/strengths': false,
  'invites/revoke': true,
};

/** Who may call what: the roles of ACTION_ACCESS, in its order. The router enforces it; the README prints it. */
export const ACTION_ROLES = Object.fromEntries(
  Object.entries(ACTION_ACCESS).map(([action, scopes]) => [action, Object.keys(scopes) as Role[]]),
) as unknown as { readonly [A in ActionName]: readonly Role[] };

/** A page of a data-subject export: the customer's sessions with everything tied to them. */
export interface CustomerExport {
  /** The customer as the audit log names them (a digest). */
  customer: string;
  sessions: Array<{
    session: Session;
    messages: Message[];
    score: StoredScore | null;
    alerts: Alert[];
    reviews: Record<string, unknown>[];
    appeals: Record<string, unknown>[];
  }>;
  total: number;
  skip: number;
}

/** What an erasure did. */
export interface ErasureResult {
  customer: string;
  sessions: number;
  messages: number;
  outbox: number;
  cases: number;
}
