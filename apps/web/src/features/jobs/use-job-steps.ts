import { useEffect, useRef, useState } from 'react';
import { type JobStepView, type JobView, jobsApi } from './jobs-api.ts';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'stopped';

export interface JobStream {
  steps: JobStepView[];
  /** The job as it ended, once the stream said so. */
  ended: JobView | undefined;
  status: StreamStatus;
  /** Why the stream stopped early (access lost), in the server's words. */
  problem: string | undefined;
}

/**
 * A job's steps as they happen: past ones first, then each new one, then the job as it ended. The
 * browser's EventSource reconnects by itself after a dropped connection and the server resumes after
 * the last step it saw (Last-Event-ID), so nothing repeats or goes missing. Steps arriving together
 * (a long job opened late) are added in one render.
 */
export function useJobSteps(jobId: string | undefined, onEnd?: (job: JobView) => void): JobStream {
  const [stream, setStream] = useState<JobStream>({
    steps: [],
    ended: undefined,
    status: 'connecting',
    problem: undefined,
  });
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  useEffect(() => {
    setStream({ steps: [], ended: undefined, status: 'connecting', problem: undefined });
    if (!jobId) return;
    const source = new EventSource(jobsApi.stepsUrl(jobId));
    let pending: JobStepView[] = [];
    let flush: ReturnType<typeof setTimeout> | undefined;
    const addPending = () => {
      flush = undefined;
      const arrived = pending;
      pending = [];
      setStream((current) => {
        const last = current.steps.at(-1)?.seq ?? 0;
        const fresh = arrived.filter((step) => step.seq > last);
        return fresh.length ? { ...current, steps: [...current.steps, ...fresh] } : current;
      });
    };
    source.addEventListener('open', () => setStream((current) => ({ ...current, status: 'live' })));
    source.addEventListener('step', (event) => {
      pending.push(JSON.parse((event as MessageEvent<string>).data) as JobStepView);
      flush ??= setTimeout(addPending, 30);
    });
    source.addEventListener('end', (event) => {
      source.close();
      clearTimeout(flush);
      addPending();
      const job = JSON.parse((event as MessageEvent<string>).data) as JobView | null;
      setStream((current) => ({ ...current, status: 'ended', ended: job ?? undefined }));
      if (job) onEndRef.current?.(job);
    });
    source.addEventListener('ended', (event) => {
      source.close();
      const body = JSON.parse((event as MessageEvent<string>).data) as { error?: { message?: string } };
      setStream((current) => ({ ...current, status: 'stopped', problem: body.error?.message }));
    });
    source.addEventListener('error', () => {
      // CLOSED: refused (signed out, no such job) and not retried; otherwise the browser retries.
      setStream((current) =>
        current.status === 'ended'
          ? current
          : { ...current, status: source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting' },
      );
    });
    return () => {
      clearTimeout(flush);
      source.close();
    };
  }, [jobId]);

  return stream;
}
