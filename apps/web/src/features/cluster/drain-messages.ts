/** The drain dialog's words while a drain runs (its form's are in messages.ts as clusterPage.drain.*). */
export const drainEn = {
  'drain.running': 'Draining {node}: each pod’s state as it changes.',
  'drain.concurrency': 'Evict at most this many pods at a time (empty: all at once)',
  'drain.progress': '{handled} of {total} pods handled',
  'drain.progressNone': 'No pod on {node} has to be evicted.',
  'drain.retrying':
    '{count} refused for now by a PodDisruptionBudget: asked again every second until the time runs out.',
  'drain.stop': 'Stop',
  'drain.stopping': 'Stopping…',
  'drain.stopText':
    'Stop evicts no further pod. Pods already evicted are not brought back, and the node stays cordoned.',
  'drain.stopped': 'The drain of {node} was stopped.',
  'drain.stoppedCounts': '{gone} gone, {terminating} terminating, {left} not evicted',
  'drain.endedEarly': 'The drain of {node} ended early: {reason}',
  'drain.attempts': 'attempt {count}',
  'drain.state': 'State',
  'drain.state.pending': 'Waiting',
  'drain.state.skipped': 'Left in place',
  'drain.state.evicting': 'Evicting',
  'drain.state.evicted': 'Terminating',
  'drain.state.deleted': 'Gone',
  'drain.state.blocked': 'Blocked',
  'drain.state.failed': 'Failed',
  'drain.state.stopped': 'Not evicted',
} as const;
