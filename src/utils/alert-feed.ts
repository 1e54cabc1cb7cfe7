import type { Alert, AlertSeverity, AlertStatus } from '@core/model';

/**
 * The supervisor's alert list as state: what the server listed plus what arrived live. Pure, so
 * merging, filtering and the unread count are tested without a page or a transport.
 */

export interface AlertFilter {
  status: AlertStatus;
  /** null = every severity. */
  severity: AlertSeverity | null;
  /** null = every team. */
  team: string | null;
}

export interface AlertFeed {
  /** The alerts shown: matching the filter, newest first, one per id. */
  items: Alert[];
  /** Alerts in status `new`: the server's count, then kept current by live events. */
  unread: number;
  /** The last status seen of every alert, listed or pushed, so repeats do not count twice. */
  statuses: Record<string, AlertStatus>;
  /** Ids that arrived live since the last load: drawn with a highlight. */
  fresh: string[];
  /** Every team seen in alerts, for the team filter. */
  teams: string[];
}

/** What a live transport delivers (see services/alerts.live). */
export interface AlertFeedEvent {
  type: 'snapshot' | 'added' | 'updated';
  alerts: Alert[];
}

export const EMPTY_FEED: AlertFeed = { items: [], unread: 0, statuses: {}, fresh: [], teams: [] };

export function matchesFilter(alert: Alert, filter: AlertFilter): boolean {
  return (
    alert.status === filter.status &&
    (filter.severity === null || alert.severity === filter.severity) &&
    (filter.team === null || alert.team === filter.team)
  );
}

/** Newest first, ties by id so the order never flickers between merges. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => b.createdAt - a.createdAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

function withTeams(teams: readonly string[], alerts: readonly Alert[]): string[] {
  const all = new Set(teams);
  for (const a of alerts) if (a.team) all.add(a.team);
  return [...all].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** A fresh page from the server replaces the list and the count; what was seen is kept. */
export function feedFromPage(
  prev: AlertFeed,
  page: { items: Alert[]; unread: number },
  filter: AlertFilter,
): AlertFeed {
  const statuses = { ...prev.statuses };
  for (const a of page.items) statuses[a._id] = a.status;
  return {
    items: sortAlerts(page.items.filter((a) => matchesFilter(a, filter))),
    unread: page.unread,
    statuses,
    fresh: [],
    teams: withTeams(prev.teams, page.items),
  };
}

/**
 * Merges a live event. Each alert replaces any listed copy (by id) and stays listed only if it
 * still matches the filter. The unread count moves by the change in `new` alerts: an alert seen
 * before counts by its status change only, an unseen one counts when it arrives new. Snapshots
 * (a transport's initial state) describe alerts the server count already includes: they are
 * recorded, never counted or highlighted.
 */
export function applyFeedEvent(feed: AlertFeed, event: AlertFeedEvent, filter: AlertFilter): AlertFeed {
  const statuses = { ...feed.statuses };
  const byId = new Map(feed.items.map((a) => [a._id, a]));
  const fresh = new Set(feed.fresh);
  let unread = feed.unread;
  for (const alert of event.alerts) {
    const listed = byId.get(alert._id);
    // An older copy arriving late (a poll racing a push) must not undo a newer one.
    if (listed && listed.updatedAt > alert.updatedAt) continue;
    const seen = statuses[alert._id];
    if (event.type !== 'snapshot') {
      if (seen === undefined) {
        if (event.type === 'added' && alert.status === 'new') unread += 1;
      } else {
        unread += (alert.status === 'new' ? 1 : 0) - (seen === 'new' ? 1 : 0);
      }
      if (event.type === 'added' && seen === undefined) fresh.add(alert._id);
    }
    statuses[alert._id] = alert.status;
    if (matchesFilter(alert, filter)) byId.set(alert._id, alert);
    else byId.delete(alert._id);
  }
  const items = sortAlerts([...byId.values()]);
  const listedIds = new Set(items.map((a) => a._id));
  return {
    items,
    unread: Math.max(0, unread),
    statuses,
    fresh: [...fresh].filter((id) => listedIds.has(id)),
    teams: withTeams(feed.teams, event.alerts),
  };
}
