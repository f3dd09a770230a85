import type { JobDetail, JobPage, JobState, JobStepView, JobView } from '@portolan/api';
import { segments } from './api-client.ts';
import { COMMON_OPTIONS, integerOption, oneOf, parseCommandArgs, stringOption } from './cli-args.ts';
import { apiFor, type CommandContext } from './command-context.ts';
import { printTable, UsageError } from './output.ts';

export const JOBS_USAGE = `Usage: portolan jobs [list] [options]
       portolan jobs show ID
       portolan jobs watch ID
       portolan jobs cancel ID

The operation log: long actions such as Helm installs, newest first, with their steps. \`watch\`
prints a job's steps as they happen and exits when it ends (0 when it succeeded, 1 otherwise).

Options of list:
      --cluster NAME   only jobs on this cluster
      --kind KIND      only this kind of job, e.g. helm.install
      --state STATE    running, succeeded, failed or cancelled
      --limit N        at most N jobs (default 50)
      --server URL     Portolan server`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  cluster: { type: 'string' },
  kind: { type: 'string' },
  state: { type: 'string' },
  limit: { type: 'string' },
} as const;

const STATES: JobState[] = ['running', 'succeeded', 'failed', 'cancelled'];

const whereOf = (job: JobView) =>
  job.cluster ? [job.cluster, job.namespace].filter(Boolean).join('/') : 'platform';

function durationOf(job: JobView, now: Date): string {
  const end = job.finishedAt ? new Date(job.finishedAt).getTime() : now.getTime();
  const seconds = Math.max(0, Math.round((end - new Date(job.createdAt).getTime()) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

const stepLine = (step: JobStepView) =>
  `${step.at.slice(11, 19)}  ${step.level === 'info' ? '' : `${step.level.toUpperCase()}: `}${step.text}`;

/** The job's end in one line: its state, and why when it did not succeed. */
const endLine = (job: JobView) => `${job.state}${job.error ? `: ${job.error}` : ''}`;

/** Server-sent events from a response body, one `{ event, data }` at a time. */
async function* serverEvents(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<{ event: string; data: string }> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) yield { event, data: data.join('\n') };
    }
  }
}

export async function runJobs(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (args.values.help) {
    context.out(JOBS_USAGE);
    return 0;
  }
  const api = apiFor(args, context);
  const [verb = 'list', id, ...extra] = args.positionals;
  if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
  if (verb !== 'list' && !id)
    throw new UsageError(`portolan jobs ${verb} needs a job ID (see portolan jobs)`);
  const path = `/api/v1/jobs/${segments(id ?? '')}`;

  if (verb === 'list') {
    const page = await api.get<JobPage>('/api/v1/jobs', {
      cluster: stringOption(args, 'cluster'),
      kind: stringOption(args, 'kind'),
      state: oneOf('state', stringOption(args, 'state'), STATES),
      limit: integerOption(args, 'limit', 1),
    });
    const now = context.now();
    printTable(
      context.out,
      ['ID', 'KIND', 'TARGET', 'WHERE', 'STATE', 'BY', 'STARTED', 'DURATION'],
      page.items.map((job) => [
        job.id,
        job.kind,
        job.target ?? '',
        whereOf(job),
        job.state,
        job.createdBy.name,
        job.createdAt.replace('T', ' ').slice(0, 19),
        durationOf(job, now),
      ]),
    );
    if (page.continue) context.err(`${page.items.length} of ${page.total}; use --limit for more`);
    return 0;
  }
  if (verb === 'show') {
    const job = await api.get<JobDetail>(path);
    context.out(`${job.kind} ${job.target ?? ''} on ${whereOf(job)}, by ${job.createdBy.name}`);
    context.out(`started ${job.createdAt}, ${job.finishedAt ? `ended ${job.finishedAt}` : 'running'}`);
    for (const step of job.steps) context.out(stepLine(step));
    context.out(endLine(job));
    return job.state === 'failed' || job.state === 'cancelled' ? 1 : 0;
  }
  if (verb === 'watch') {
    // Ctrl-C ends the process; the job goes on (cancel it with `portolan jobs cancel`).
    const response = await api.raw(`${path}/steps`);
    if (!response.body) return 1;
    for await (const { event, data } of serverEvents(response.body)) {
      if (event === 'step') context.out(stepLine(JSON.parse(data) as JobStepView));
      if (event === 'end') {
        const job = JSON.parse(data) as JobView;
        context.out(endLine(job));
        return job.state === 'succeeded' ? 0 : 1;
      }
      if (event === 'ended') {
        context.err(
          `error: ${(JSON.parse(data) as { error?: { message?: string } }).error?.message ?? 'the stream ended'}`,
        );
        return 1;
      }
    }
    context.err('error: the server closed the stream before the job ended; run the command again to resume');
    return 1;
  }
  if (verb === 'cancel') {
    const job = await api.send<JobView>('POST', `${path}/cancel`);
    context.out(
      `asked ${job.kind} ${job.target ?? job.id} to stop; \`portolan jobs watch ${job.id}\` shows it end`,
    );
    return 0;
  }
  throw new UsageError(`unknown jobs command ${verb}: list, show, watch or cancel`);
}
