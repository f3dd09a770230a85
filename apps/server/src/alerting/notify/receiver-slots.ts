/**
 * At most `limit` messages in flight per receiver; the rest wait their turn in order. A burst (a
 * cluster going down fires hundreds of groups at once) then reaches a webhook a few at a time instead
 * of as hundreds of requests that all time out together.
 */
export function createReceiverSlots(limit: number) {
  const active = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();
  const release = (receiver: string) => {
    const next = waiting.get(receiver)?.shift();
    if (next) return next();
    const left = (active.get(receiver) ?? 1) - 1;
    if (left > 0) active.set(receiver, left);
    else {
      active.delete(receiver);
      waiting.delete(receiver);
    }
  };
  return async <T>(receiver: string, run: () => Promise<T>): Promise<T> => {
    const running = active.get(receiver) ?? 0;
    if (running < limit) active.set(receiver, running + 1);
    else
      await new Promise<void>((resolve) => {
        const queue = waiting.get(receiver) ?? [];
        queue.push(resolve);
        waiting.set(receiver, queue);
      });
    try {
      return await run();
    } finally {
      release(receiver);
    }
  };
}
