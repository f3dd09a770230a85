import type { MessageKey } from '../../app/en.ts';
/**
 * What the console reads of a pod object, and the words and figures it shows for it. Pure functions,
 * no React: the pods list derives one small row per pod from these as each page arrives, so the
 * table renders rows of a few fields rather than whole pod objects.
 */

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    reason?: string;
    message?: string;
    exitCode?: number;
    signal?: number;
    startedAt?: string;
    finishedAt?: string;
  };
}

export interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  started?: boolean;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number; protocol?: string; hostPort?: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface Pod {
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    ownerReferences?: { kind: string; name: string; apiVersion?: string; controller?: boolean }[];
  };
  spec?: { nodeName?: string; containers?: ContainerSpec[]; initContainers?: ContainerSpec[] };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    podIP?: string;
    hostIP?: string;
    qosClass?: string;
    startTime?: string;
    conditions?: {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

/** How a status reads: good (running and ready, or finished well), busy (on its way), bad, or plain. */
export type Tone = 'good' | 'busy' | 'bad' | 'plain';

/** Words Kubernetes uses that the console translates; other reasons (CrashLoopBackOff, …) stay as written. */
const KNOWN = new Set(['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown', 'Terminating', 'Completed']);

/** A status in the reader's language where the console knows the word, else as Kubernetes wrote it. */
export const statusWords = (text: string, t: (key: MessageKey) => string): string =>
  KNOWN.has(text) ? t(`pods.phase.${text}` as MessageKey) : text;

const BAD_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Error',
  'ContainerCannotRun',
  'DeadlineExceeded',
  'Evicted',
  'Failed',
  'Unknown',
]);

/**
 * The pod's status in words, as `kubectl get pods` writes it: Terminating when being deleted,
 * Init:N/M or an init container's reason while initialising, else the reason of the first container
 * that is waiting or ended (CrashLoopBackOff, OOMKilled, Completed), else the pod's reason or phase.
 */
export function podStatusText(pod: Pod): string {
  const status = pod.status ?? {};
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  if (status.reason) return status.reason;
  const inits = status.initContainerStatuses ?? [];
  const initCount = pod.spec?.initContainers?.length ?? inits.length;
  for (const [index, init] of inits.entries()) {
    const terminated = init.state?.terminated;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) return `Init:${terminated.reason || `ExitCode:${terminated.exitCode ?? '?'}`}`;
    const waiting = init.state?.waiting?.reason;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${index}/${initCount}`;
  }
  let text = status.phase ?? 'Unknown';
  let running = false;
  for (const container of [...(status.containerStatuses ?? [])].reverse()) {
    const { waiting, terminated } = container.state ?? {};
    if (waiting?.reason) text = waiting.reason;
    else if (terminated?.reason) text = terminated.reason;
    else if (terminated)
      text = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
    else if (container.ready && container.state?.running) running = true;
  }
  // A pod that ended with some containers still running reads as running (kubectl does the same).
  if (text === 'Completed' && running) text = 'Running';
  return text;
}

/** The tone of a status text from podStatusText. */
export function toneOf(text: string): Tone {
  if (text === 'Running' || text === 'Succeeded' || text === 'Completed') return 'good';
  if (text === 'Terminating') return 'plain';
  if (
    BAD_REASONS.has(text) ||
    text.startsWith('Init:Err') ||
    text.startsWith('ExitCode') ||
    text.startsWith('Init:Crash')
  )
    return 'bad';
  return 'busy';
}

/** Ready containers over all containers: the "1/2" of kubectl. */
export function readyOf(pod: Pod): { ready: number; total: number } {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? statuses.length;
  return { ready: statuses.filter((status) => status.ready).length, total };
}

/** Restarts over all containers, and when the last one happened (from the last state's end). */
export function restartsOf(pod: Pod): { count: number; lastAt?: string } {
  let count = 0;
  let lastAt: string | undefined;
  for (const status of pod.status?.containerStatuses ?? []) {
    count += status.restartCount ?? 0;
    const finished = status.lastState?.terminated?.finishedAt;
    if (finished && (!lastAt || finished > lastAt)) lastAt = finished;
  }
  return lastAt ? { count, lastAt } : { count };
}

/** The words for one container state: waiting reason, "Running", or the terminated reason and code. */
export function containerStateText(state: ContainerState | undefined): { text: string; detail?: string } {
  if (state?.running) return { text: 'Running' };
  if (state?.waiting) return { text: state.waiting.reason ?? 'Waiting', ...detail(state.waiting.message) };
  if (state?.terminated) {
    const { reason, exitCode, message } = state.terminated;
    return { text: `${reason ?? 'Terminated'} (${exitCode ?? '?'})`, ...detail(message) };
  }
  return { text: 'Waiting' };
}

const detail = (message: string | undefined) => (message ? { detail: message } : {});
