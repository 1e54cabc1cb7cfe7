/**
 * Every after-answer queue (closes, alert deliveries) runs in one lane: one task at a time over
 * all queues, the queues taken in turn, so that together they take the lane's share of the
 * instance and no more (common/after-answer.queue.ts).
 */
import { AfterAnswerQueue, afterAnswerSettled } from '../../cloudfunctions/common/after-answer.queue';
import { forgetInstanceCaches } from '../../cloudfunctions/common/instance.cache';

afterEach(() => forgetInstanceCaches());

/** A queue whose tasks note when they start and end; each takes a few milliseconds of waiting. */
function recordingQueue(name: string, events: string[], fail?: string) {
  return new AfterAnswerQueue<number>(
    async (key) => {
      events.push(`start ${name}:${key}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
      events.push(`end ${name}:${key}`);
      if (key === fail) throw new Error('the backstop takes it');
    },
    { name, keyField: 'key', maxPending: 3 },
  );
}

describe('the after-answer lane', () => {
  it('runs the tasks of every queue one at a time, the queues in turn, each key once', async () => {
    const events: string[] = [];
    const closes = recordingQueue('close', events);
    const deliveries = recordingQueue('deliver', events);
    for (const key of ['1', '2', '3']) closes.soon(key, 0);
    deliveries.soon('a', 0);
    deliveries.soon('a', 0); // asked twice: runs once
    deliveries.soon('b', 0);
    expect(closes.size + deliveries.size).toBe(5);

    await afterAnswerSettled();

    const started = events.filter((e) => e.startsWith('start')).map((e) => e.slice(6));
    expect(started).toEqual(['close:1', 'deliver:a', 'close:2', 'deliver:b', 'close:3']);
    // Never two at once: every start is followed by its own end.
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i].replace('start', 'end'));
    expect(closes.size + deliveries.size).toBe(0);
  });

  it('goes on after a failing task, refuses beyond maxPending, and starts again when asked later', async () => {
    const events: string[] = [];
    const closes = recordingQueue('close', events, '1');
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect([closes.soon('1', 0), closes.soon('2', 0), closes.soon('3', 0), closes.soon('4', 0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    await afterAnswerSettled();
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    expect(events.filter((e) => e.startsWith('end'))).toEqual(['end close:1', 'end close:2', 'end close:3']);

    closes.soon('5', 0);
    await afterAnswerSettled();
    expect(events.at(-1)).toBe('end close:5');
  });
});
