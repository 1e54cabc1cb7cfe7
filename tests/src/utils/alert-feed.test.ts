import { EMPTY_FEED, applyFeedEvent, feedFromPage, type AlertFilter } from '../../../src/utils/alert-feed';
import { NOW, makeAlert } from '../support/factories';

const NEW: AlertFilter = { status: 'new', severity: null, team: null };
const ids = (feed: { items: Array<{ _id: string }> }) => feed.items.map((a) => a._id);

function loaded(alerts = [makeAlert({ _id: 'a1', createdAt: NOW - 60_000 })], unread = 1, filter = NEW) {
  return feedFromPage(EMPTY_FEED, { items: alerts, unread }, filter);
}

describe('alert feed', () => {
  test('a live alert joins the list in time order and bumps the unread count', () => {
    const feed = applyFeedEvent(loaded(), { type: 'added', alerts: [makeAlert({ _id: 'a2', createdAt: NOW })] }, NEW);
    expect(ids(feed)).toEqual(['a2', 'a1']);
    expect(feed.unread).toBe(2);
    expect(feed.fresh).toEqual(['a2']);
  });

  test('an alert pushed twice is listed and counted once', () => {
    const event = { type: 'added' as const, alerts: [makeAlert({ _id: 'a2', createdAt: NOW })] };
    const feed = applyFeedEvent(applyFeedEvent(loaded(), event, NEW), event, NEW);
    expect(ids(feed)).toEqual(['a2', 'a1']);
    expect(feed.unread).toBe(2);
  });

  test('an alert already listed by the server is not counted again when pushed', () => {
    const feed = applyFeedEvent(
      loaded(),
      { type: 'added', alerts: [makeAlert({ _id: 'a1', createdAt: NOW - 60_000 })] },
      NEW,
    );
    expect(feed.unread).toBe(1);
    expect(feed.fresh).toEqual([]);
  });

  test('an update that acknowledges an alert takes it off the 新告警 list and the unread count', () => {
    const feed = applyFeedEvent(
      loaded(),
      { type: 'updated', alerts: [makeAlert({ _id: 'a1', status: 'acknowledged', updatedAt: NOW })] },
      NEW,
    );
    expect(ids(feed)).toEqual([]);
    expect(feed.unread).toBe(0);
  });

  test('live alerts outside the filter are counted but not listed', () => {
    const critical: AlertFilter = { ...NEW, severity: 'critical' };
    const feed = applyFeedEvent(
      loaded([], 0, critical),
      {
        type: 'added',
        alerts: [makeAlert({ _id: 'low', severity: 'low' }), makeAlert({ _id: 'crit', severity: 'critical' })],
      },
      critical,
    );
    expect(ids(feed)).toEqual(['crit']);
    expect(feed.unread).toBe(2);
  });

  test('an older copy arriving after a newer one is ignored', () => {
    const ack: AlertFilter = { ...NEW, status: 'acknowledged' };
    const start = loaded([makeAlert({ _id: 'a1', status: 'acknowledged', updatedAt: NOW })], 0, ack);
    const feed = applyFeedEvent(
      start,
      { type: 'updated', alerts: [makeAlert({ _id: 'a1', status: 'new', updatedAt: NOW - 1 })] },
      ack,
    );
    expect(ids(feed)).toEqual(['a1']);
    expect(feed.unread).toBe(0);
  });

  test('a transport snapshot is merged without counting or highlighting', () => {
    const feed = applyFeedEvent(loaded(), { type: 'snapshot', alerts: [makeAlert({ _id: 'a3' })] }, NEW);
    expect(ids(feed)).toContain('a3');
    expect(feed.unread).toBe(1);
    expect(feed.fresh).toEqual([]);
  });

  test('collects the teams of every alert seen for the team filter', () => {
    const start = loaded([makeAlert({ _id: 'a1', team: '售后一组' })]);
    const feed = applyFeedEvent(start, { type: 'added', alerts: [makeAlert({ _id: 'a2', team: '售前二组' })] }, NEW);
    expect(feed.teams).toEqual(expect.arrayContaining(['售后一组', '售前二组']));
    expect(feed.teams).toHaveLength(2);
  });

  test('a fresh page resets the count to the server’s and clears highlights', () => {
    const live = applyFeedEvent(loaded(), { type: 'added', alerts: [makeAlert({ _id: 'a2' })] }, NEW);
    const feed = feedFromPage(live, { items: [makeAlert({ _id: 'a2' })], unread: 7 }, NEW);
    expect(feed.unread).toBe(7);
    expect(feed.fresh).toEqual([]);
  });
});
