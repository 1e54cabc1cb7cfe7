import { decideRaise, sendsAlone } from '../../../cloudfunctions/core/alerts/alert.storm';
import { alert, T0 } from './support/alert.factories';

const storm = { cooldownMinutes: 30, digestAbovePerMinute: 5 };
const MIN = 60_000;

describe('storm control', () => {
  it('raises the first alert of a session and policy under the plain id', () => {
    expect(decideRaise('red-line', 's1', [], T0, storm)).toEqual({ raise: true, id: 'red-line_s1' });
  });

  it('raises nothing while an alert of the pair is open', () => {
    const open = alert({ status: 'acknowledged' });
    expect(decideRaise('red-line', 's1', [open], T0 + 90 * MIN, storm)).toMatchObject({ raise: false, reason: 'open' });
  });

  it('stays quiet during the cooldown after the alert was closed', () => {
    const closed = alert({ status: 'resolved', closedAt: T0 });
    expect(decideRaise('red-line', 's1', [closed], T0 + 29 * MIN, storm)).toMatchObject({
      raise: false,
      reason: 'cooldown',
    });
  });

  it('raises a new alert with the next suffix once the cooldown is over', () => {
    const prior = [
      alert({ status: 'false-alarm', closedAt: T0 - 120 * MIN }),
      alert({ _id: 'red-line_s1_1', status: 'resolved', closedAt: T0 - 40 * MIN }),
    ];
    expect(decideRaise('red-line', 's1', prior, T0, storm)).toEqual({ raise: true, id: 'red-line_s1_2' });
  });

  it('sends notifications alone up to the per-minute limit, then digests', () => {
    expect(sendsAlone(5, storm)).toBe(true);
    expect(sendsAlone(6, storm)).toBe(false);
  });
});
