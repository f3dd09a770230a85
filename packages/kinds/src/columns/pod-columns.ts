import type { Column } from '../kind-descriptor.ts';
import { ageOf } from './age.ts';
import { at, count, list, text } from './object-fields.ts';

/** `2/3`: ready containers of all containers. */
export function podReady(pod: unknown): string {
  const statuses = list(pod, 'status', 'containerStatuses');
  const total = list(pod, 'spec', 'containers').length || statuses.length;
  const ready = statuses.filter((status) => at(status, 'ready') === true).length;
  return `${ready}/${total}`;
}

export function podRestarts(pod: unknown): string {
  return String(
    list(pod, 'status', 'containerStatuses').reduce<number>((sum, s) => sum + count(s, 'restartCount'), 0),
  );
}

function exitReason(terminated: unknown, prefix = ''): string {
  const reason = text(terminated, 'reason');
  if (reason) return `${prefix}${reason}`;
  const signal = count(terminated, 'signal');
  return signal ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${count(terminated, 'exitCode')}`;
}

/** The STATUS column as kubectl works it out: init containers, then waiting or ended containers. */
export function podStatus(pod: unknown): string {
  let reason = text(pod, 'status', 'reason') || text(pod, 'status', 'phase') || 'Unknown';
  const inits = list(pod, 'status', 'initContainerStatuses');
  const initTotal = list(pod, 'spec', 'initContainers').length || inits.length;
  let initializing = false;
  for (const [index, status] of inits.entries()) {
    const terminated = at(status, 'state', 'terminated');
    if (terminated && count(terminated, 'exitCode') === 0) continue;
    initializing = true;
    const waiting = text(status, 'state', 'waiting', 'reason');
    if (terminated) reason = exitReason(terminated, 'Init:');
    else if (waiting && waiting !== 'PodInitializing') reason = `Init:${waiting}`;
    else reason = `Init:${index}/${initTotal}`;
    break;
  }
  if (!initializing) {
    let running = false;
    for (const status of list(pod, 'status', 'containerStatuses').toReversed()) {
      const waiting = text(status, 'state', 'waiting', 'reason');
      const terminated = at(status, 'state', 'terminated');
      if (waiting) reason = waiting;
      else if (terminated) reason = exitReason(terminated);
      else if (at(status, 'ready') === true && at(status, 'state', 'running')) running = true;
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }
  if (at(pod, 'metadata', 'deletionTimestamp')) {
    reason = text(pod, 'status', 'reason') === 'NodeLost' ? 'Unknown' : 'Terminating';
  }
  return reason;
}

export const POD_COLUMNS: Column[] = [
  { title: 'READY', value: podReady },
  { title: 'STATUS', value: podStatus },
  { title: 'RESTARTS', value: podRestarts },
  { title: 'AGE', value: (pod, now) => ageOf(text(pod, 'metadata', 'creationTimestamp'), now) },
  { title: 'IP', wide: true, value: (pod) => text(pod, 'status', 'podIP') || '<none>' },
  { title: 'NODE', wide: true, value: (pod) => text(pod, 'spec', 'nodeName') || '<none>' },
];
