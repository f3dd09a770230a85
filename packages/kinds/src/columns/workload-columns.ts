import type { Column } from '../kind-descriptor.ts';
import { age, ageOrNone, num, selector } from './common-columns.ts';
import { at, count, list, text } from './object-fields.ts';

const containers = (o: unknown) => list(o, 'spec', 'template', 'spec', 'containers');
const wideTemplate: Column[] = [
  {
    title: 'CONTAINERS',
    wide: true,
    value: (o) =>
      containers(o)
        .map((c) => text(c, 'name'))
        .join(','),
  },
  {
    title: 'IMAGES',
    wide: true,
    value: (o) =>
      containers(o)
        .map((c) => text(c, 'image'))
        .join(','),
  },
];

const readyReplicas: Column = {
  title: 'READY',
  value: (o) => `${count(o, 'status', 'readyReplicas')}/${count(o, 'spec', 'replicas')}`,
};

function jobStatus(job: unknown): string {
  const conditions = list(job, 'status', 'conditions').filter((c) => text(c, 'status') === 'True');
  const types = conditions.map((c) => text(c, 'type'));
  if (types.includes('Complete')) return 'Complete';
  if (types.includes('Failed')) return 'Failed';
  if (at(job, 'spec', 'suspend') === true) return 'Suspended';
  return 'Running';
}

export const DEPLOYMENT_COLUMNS: Column[] = [
  readyReplicas,
  num('UP-TO-DATE', 'status', 'updatedReplicas'),
  num('AVAILABLE', 'status', 'availableReplicas'),
  age,
  ...wideTemplate,
  selector,
];

export const STATEFUL_SET_COLUMNS: Column[] = [readyReplicas, age, ...wideTemplate];

export const DAEMON_SET_COLUMNS: Column[] = [
  num('DESIRED', 'status', 'desiredNumberScheduled'),
  num('CURRENT', 'status', 'currentNumberScheduled'),
  num('READY', 'status', 'numberReady'),
  num('UP-TO-DATE', 'status', 'updatedNumberScheduled'),
  num('AVAILABLE', 'status', 'numberAvailable'),
  age,
  ...wideTemplate,
  selector,
];

export const REPLICA_SET_COLUMNS: Column[] = [
  num('DESIRED', 'spec', 'replicas'),
  num('CURRENT', 'status', 'replicas'),
  num('READY', 'status', 'readyReplicas'),
  age,
  ...wideTemplate,
];

export const JOB_COLUMNS: Column[] = [
  { title: 'STATUS', value: jobStatus },
  {
    title: 'COMPLETIONS',
    value: (o) => `${count(o, 'status', 'succeeded')}/${at(o, 'spec', 'completions') ?? 1}`,
  },
  age,
  ...wideTemplate,
];

export const CRON_JOB_COLUMNS: Column[] = [
  { title: 'SCHEDULE', value: (o) => text(o, 'spec', 'schedule') },
  { title: 'SUSPEND', value: (o) => String(at(o, 'spec', 'suspend') === true) },
  { title: 'ACTIVE', value: (o) => String(list(o, 'status', 'active').length) },
  { title: 'LAST SCHEDULE', value: (o, now) => ageOrNone(text(o, 'status', 'lastScheduleTime'), now) },
  age,
];
