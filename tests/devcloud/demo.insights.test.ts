/**
 * The demo `npm start` loads has enough rated sessions for the drivers (issue 15) to show for
 * everyone: the insights job reads the days before today, so only sessions started before the
 * China day of `now` count.
 */
import { generateDemo } from '../../devcloud/demo';
import { DEMO_SEED, DEMO_SEED_CONVERSATIONS } from '../../devcloud/demo/demo.seed';
import { MIN_RATED } from '../../cloudfunctions/core/reports/report.drivers';
import { dayKey } from '../../cloudfunctions/core/rollups/rollup.counters';

describe('the seeded demo and the drivers', () => {
  it.each([Date.parse('2026-12-06T23:30:00Z'), Date.parse('2026-12-07T03:00:00Z'), Date.parse('2027-01-15T12:00:00Z')])(
    'now #%#: at least 200 rated sessions before today',
    (now) => {
      const { conversations } = generateDemo({ seed: DEMO_SEED, now, conversations: DEMO_SEED_CONVERSATIONS });
      const rated = conversations.filter((c) => c.rating?.csat !== undefined && dayKey(c.startedAt!) < dayKey(now));
      expect(rated.length).toBeGreaterThanOrEqual(MIN_RATED);
      // Low ratings happen, and not always: there is something to model.
      expect(rated.some((c) => c.rating!.csat! <= 2)).toBe(true);
      expect(rated.some((c) => c.rating!.csat! > 2)).toBe(true);
    },
  );
});
