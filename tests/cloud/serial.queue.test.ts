import { serialQueue } from '../../cloudfunctions/common/serial.queue';

describe('serialQueue', () => {
  it('runs work one at a time in the order asked, and a failure does not stop the queue', async () => {
    const q = serialQueue();
    const log: string[] = [];
    let running = 0;
    const step = (name: string, ms: number, fail = false) =>
      q.run(async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a', 20), step('b', 1, true), step('c', 5)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
