import type { Column } from '../kind-descriptor.ts';
import { ageOf } from './age.ts';
import { count, record, text } from './object-fields.ts';

export const age: Column = {
  title: 'AGE',
  value: (o, now) => ageOf(text(o, 'metadata', 'creationTimestamp'), now),
};

export const num = (title: string, ...path: string[]): Column => ({
  title,
  value: (o) => String(count(o, ...path)),
});

export const or = (value: string, fallback = '<none>') => value || fallback;

export function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

export const selector: Column = {
  title: 'SELECTOR',
  wide: true,
  value: (o) => or(labelText(record(o, 'spec', 'selector', 'matchLabels'))),
};

export function ageOrNone(timestamp: string, now: Date): string {
  return timestamp ? ageOf(timestamp, now) : '<none>';
}
