import { resetStore, runSweep } from './harness';
import { alertsInStore, customerSays } from './alerts.support';

beforeEach(() => resetStore());

describe('the sweep timer checks customers left waiting', () => {
  it('raises one waiting alert for a customer unanswered past the limit, however often it runs', async () => {
    await customerSays('在吗', { at: Date.now() - 5 * 60_000 });
    await runSweep();
    await runSweep();
    expect(await alertsInStore()).toEqual([
      expect.objectContaining({ policy: 'customer-waiting', severity: 'high', routedTo: ['sup-1', 'sup-2'] }),
    ]);
  });

  it('leaves a customer alone who has waited less than the limit', async () => {
    await customerSays('在吗', { at: Date.now() - 60_000 });
    await runSweep();
    expect(await alertsInStore()).toEqual([]);
  });

  it('closes and scores an idle session instead of reporting it as waiting', async () => {
    await customerSays('在吗', { at: Date.now() - 31 * 60_000 });
    await runSweep();
    expect((await alertsInStore()).map((a) => a.policy)).toEqual(['red-line']); // no-reply is a red line
  });
});
