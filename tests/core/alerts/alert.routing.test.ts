import { routeTo } from '../../../cloudfunctions/core/alerts/alert.policy';

const supervisors = [
  { _id: 'sup-b', team: '售后二组' },
  { _id: 'sup-a', team: '售前一组' },
  { _id: 'sup-c', team: '售前一组' },
];

describe('routing alerts to supervisors', () => {
  it("routes to the supervisors of the agent's team", () => {
    expect(routeTo({ team: '售前一组' }, supervisors)).toEqual(['sup-a', 'sup-c']);
  });

  it('routes a session with no agent yet to every supervisor', () => {
    expect(routeTo({}, supervisors)).toEqual(['sup-a', 'sup-b', 'sup-c']);
  });

  it('routes to every supervisor when the team has none', () => {
    expect(routeTo({ team: '夜班' }, supervisors)).toHaveLength(3);
  });
});
