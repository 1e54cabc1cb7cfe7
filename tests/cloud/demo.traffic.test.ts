/**
 * Demo traffic (issue 16) against the real functions on the local store, with a fake clock: no
 * test waits. Within a simulated minute there are live sessions, a waiting customer, an untaken
 * one, live alerts, and `demo-agent` always has a customer waiting; the same seed plays the same
 * traffic.
 */
import { DemoTraffic } from '../../devcloud/demo/demo.traffic';
import { demoUsers } from '../../devcloud/demo/demo.users';
import { binding, callApi, push, resetStore, runSweep } from './harness';
import { data, inStore } from './alerts.support';

/**
 * The fake clock is the system's: only `Date` is faked (timers and I/O run as usual), so the
 * functions' own `now` and the pushes' times agree, and a simulated minute takes milliseconds.
 */
function fakeClock() {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  return { now: () => Date.now(), advance: (ms: number) => jest.setSystemTime(Date.now() + ms) };
}

afterEach(() => jest.useRealTimers());

async function play(seconds: number, seed = 7) {
  const clock = fakeClock();
  const pushed: string[] = [];
  const traffic = new DemoTraffic(
    {
      push: (p) => {
        pushed.push(String(p.Content));
        return push(p);
      },
      api: (openid, d) => callApi(openid, d),
      now: clock.now,
    },
    { seed },
  );
  for (let s = 0; s <= seconds; s += 5) {
    await traffic.tick();
    clock.advance(5_000);
  }
  return { traffic, pushed, clock };
}

beforeEach(async () => {
  await resetStore(demoUsers());
  binding.outbox.clearFailures();
});

describe('demo traffic', () => {
  it('within a minute: live sessions, waiting and untaken customers, agents’ replies sent, live alerts', async () => {
    await play(60);
    const live = data(await callApi('demo-admin', { action: 'sessions/live' })).items as {
      waitingMs: number;
      agentIds: string[];
    }[];
    expect(live.length).toBeGreaterThanOrEqual(4);
    expect(live.filter((s) => s.waitingMs > 0).length).toBeGreaterThanOrEqual(2);
    expect(live.some((s) => s.agentIds.length === 0)).toBe(true);
    // Agents answered through messages/reply: customerServiceMessage.send went out.
    expect(binding.outbox.entries('customerServiceMessage.send').length).toBeGreaterThanOrEqual(3);
    await runSweep(); // the minute timer: the customer who was already waiting 4 minutes
    const policies = new Set((await inStore<{ policy: string }>('alerts')).map((a) => a.policy));
    expect(policies.has('customer-waiting')).toBe(true);
    expect(policies.size).toBeGreaterThanOrEqual(2);
  });

  it('demo-agent always has a customer waiting: answering one brings the next', async () => {
    const { traffic, clock } = await play(10);
    const waitingFor = async () =>
      (
        data(await callApi('demo-agent', { action: 'desk/list' })).items as {
          _id: string;
          untaken: boolean;
          waitingSince?: number | null;
        }[]
      ).filter((s) => !s.untaken && s.waitingSince != null);
    const [first] = await waitingFor();
    expect(first).toBeDefined();
    data(await callApi('demo-agent', { action: 'messages/reply', sessionId: first._id, text: '好的，马上为您查询' }));
    expect(await waitingFor()).toEqual([]);
    await traffic.tick(); // a new customer greeted
    clock.advance(5_000);
    await traffic.tick(); // who says what they need
    const next = await waitingFor();
    expect(next).toHaveLength(1);
    expect(next[0]._id).not.toBe(first._id);
  });

  it('is deterministic: the same seed plays the same lines; another seed others', async () => {
    const a = (await play(40, 11)).pushed;
    await resetStore(demoUsers());
    const b = (await play(40, 11)).pushed;
    await resetStore(demoUsers());
    const c = (await play(40, 12)).pushed;
    expect(a.length).toBeGreaterThan(3);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});
