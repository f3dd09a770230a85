import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessProblem } from '#server/iam/access-watch.ts';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { LiveAnswers } from '../../live-answers.ts';
import { mayReadJob } from './job-access.ts';

const event = (name: string, data: unknown, id?: number) =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Writes a job's steps after `after` as server-sent events, then new ones as the store gets them
 * (read every `pollMs`, so it works on any replica whichever one runs the job), then an `end` event
 * with the job as it ended. The job is read before its steps: the service stores every step before
 * the end, so a stream that sees the end has already sent the last step. The stream follows its
 * caller's access (an `ended` event says why it stopped early) and a slow reader is cut off.
 */
export function streamJobSteps(
  deps: { jobs: Jobs; live: LiveAnswers; pollMs: number },
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  after: number,
): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  if (request.method === 'HEAD') return void raw.end();
  raw.write(': connected\n\n');
  let seq = after;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    clearInterval(heartbeat);
    forget();
  };
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
  const send = (text: string) => {
    const ok = raw.write(text);
    if (!ok && raw.writableLength > 8 * 1024 * 1024) raw.destroy();
  };

  async function tick(): Promise<void> {
    try {
      const job = await deps.jobs.get(id);
      const steps = await deps.jobs.steps(id, seq);
      if (stopped) return;
      for (const step of steps) {
        send(event('step', step, step.seq));
        seq = step.seq;
      }
      if (job?.state !== 'running') {
        stop();
        raw.end(event('end', job ?? null));
        return;
      }
    } catch (error) {
      request.log.warn({ err: error, job: id }, 'reading a job’s steps for its stream failed; trying again');
    }
    if (!stopped) timer = setTimeout(() => void tick(), deps.pollMs);
  }

  const forget = deps.live.keep(request, reply, {
    end(problem: AccessProblem) {
      stop();
      raw.end(event('ended', { error: problem }));
    },
    async refresh(caller) {
      const job = await deps.jobs.get(id);
      if (job && !mayReadJob(caller, job))
        return { code: 'forbidden', message: `you may no longer read job ${id}` };
      return undefined;
    },
  });
  raw.on('close', stop);
  raw.on('error', stop);
  void tick();
}
