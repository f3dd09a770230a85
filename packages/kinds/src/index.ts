export * from './builtin-kinds.ts';
export { ageOf, humanDuration } from './columns/age.ts';
export { age as ageColumn, labelText } from './columns/common-columns.ts';
export * from './columns/object-fields.ts';
export { podReady, podRestarts, podStatus } from './columns/pod-columns.ts';
export * from './kind-descriptor.ts';
export * from './kind-registry.ts';
export * from './quantity.ts';
export * from './workload-health.ts';
