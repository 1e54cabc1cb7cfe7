import { transitionPatch } from '../../../cloudfunctions/core/alerts/alert.lifecycle';
import { T0 } from './support/alert.factories';

describe('alert lifecycle', () => {
  it('acknowledges without closing', () => {
    expect(transitionPatch({ status: 'new' }, 'acknowledged', undefined, 'sup-1', T0)).toEqual({
      status: 'acknowledged',
      updatedAt: T0,
    });
  });

  it('requires a note to resolve', () => {
    expect(() => transitionPatch({ status: 'acknowledged' }, 'resolved', '  ', 'sup-1', T0)).toThrow(
      expect.objectContaining({ code: 'INPUT.INVALID' }),
    );
  });

  it('records who closed it, when, and the note', () => {
    expect(transitionPatch({ status: 'acknowledged' }, 'resolved', '已辅导', 'sup-1', T0)).toMatchObject({
      status: 'resolved',
      closedAt: T0,
      closedBy: 'sup-1',
      note: '已辅导',
    });
  });

  it('marks a false alarm without a note', () => {
    expect(transitionPatch({ status: 'new' }, 'false-alarm', undefined, 'sup-1', T0)).toMatchObject({
      status: 'false-alarm',
      closedAt: T0,
    });
  });

  it('refuses to reopen a closed alert', () => {
    expect(() => transitionPatch({ status: 'false-alarm' }, 'acknowledged', undefined, 'sup-1', T0)).toThrow(
      expect.objectContaining({ code: 'ALERT.BAD_TRANSITION' }),
    );
  });
});
