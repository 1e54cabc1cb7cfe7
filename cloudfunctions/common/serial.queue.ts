/**
 * Work this instance runs one piece at a time, in the order asked.
 *
 * For transactions that all touch the same few hot documents (the day's report slots): run
 * together they are optimistic transactions on the same documents, so each commit makes the
 * others conflict and start over, and a wave of session closes turned into a storm of retries
 * that held the instance. In a queue each commits on its first try; other instances' conflicts
 * are still retried by the transaction itself.
 */
export interface SerialQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work, work);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
