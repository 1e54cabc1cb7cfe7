/**
 * The local host's foreground gate: database calls of timer-run functions wait while a push or a
 * client's call is in flight (at most the gate's wait), through the real SDK binding.
 */
import { ForegroundGate } from '../../cloudfunctions/common/foreground.gate';
import { isTimerWork } from '../../devcloud/timer.work';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { makeCloud } from './support/cloud.factory';

const settledWithin = async (p: Promise<unknown>, ms: number) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return done;
};

function heldForeground(gate: ForegroundGate): () => Promise<void> {
  let release!: () => void;
  const work = gate.track(new Promise<void>((resolve) => (release = resolve)));
  return () => {
    release();
    return work;
  };
}

describe('ForegroundGate', () => {
  // A turn of the event loop never counts as busy here (busyTurnMs 10 s): a loaded CI machine
  // has slow turns, and these cases are about the work in flight.
  it('is idle at once with nothing in flight, and when the last tracked work settles', async () => {
    const gate = new ForegroundGate(10_000, 10_000);
    expect(await settledWithin(gate.idle(), 200)).toBe(true);
    const first = heldForeground(gate);
    const second = heldForeground(gate);
    const idle = gate.idle();
    await first();
    expect(await settledWithin(idle, 20)).toBe(false);
    await second();
    expect(await settledWithin(idle, 200)).toBe(true);
  });

  it('stops waiting after its longest wait, so the timer still advances', async () => {
    const gate = new ForegroundGate(30, 10_000);
    const release = heldForeground(gate);
    expect(await settledWithin(gate.idle(), 1_000)).toBe(true);
    await release();
  });

  it('knows the timer and what the timer called', () => {
    expect(isTimerWork('wx_trigger')).toBe(true);
    expect(isTimerWork('wx_trigger,scf')).toBe(true);
    expect(isTimerWork('wx_client')).toBe(false);
    expect(isTimerWork('wx_client,scf')).toBe(false);
    expect(isTimerWork(undefined)).toBe(false);
  });
});

describe('a bound cloud with a gate', () => {
  it("holds the timer's database calls while foreground work runs, not the foreground's", async () => {
    const gate = new ForegroundGate(10_000, 10_000);
    const { binding } = makeCloud({ bind: { foreground: gate } });
    const db = binding.db();
    const release = heldForeground(gate);
    const timerRead = runWithContext(
      { SOURCE: 'wx_trigger' },
      () => db.collection('sessions').limit(1).get() as Promise<unknown>,
    );
    const clientRead = runWithContext(
      { SOURCE: 'wx_client' },
      () => db.collection('sessions').limit(1).get() as Promise<unknown>,
    );
    expect(await settledWithin(clientRead, 500)).toBe(true);
    expect(await settledWithin(timerRead, 50)).toBe(false);
    await release();
    await expect(timerRead).resolves.toMatchObject({ data: [] });
  });
});
