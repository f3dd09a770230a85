import type { JobContext } from '../jobs.ts';

/** Work that runs until its job is cancelled (its signal may have aborted before it started waiting). */
export function untilCancelled(job: Pick<JobContext, 'signal'>): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (job.signal.aborted) reject(job.signal.reason);
    job.signal.addEventListener('abort', () => reject(job.signal.reason), { once: true });
  });
}

/** A gate a test opens when it has seen what came before it, so what follows can only arrive live. */
export function gate(): { open(): void; opened: Promise<void> } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}
