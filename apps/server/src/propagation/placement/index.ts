/**
 * Placement: pure functions (no I/O, no clock of their own) that the engine, the routes' preview and
 * the console's answers share, so every replica decides the same way.
 */
export { planFailover } from './failover.ts';
export { applyJsonPatch, JsonPatchError, type JsonPatchOperation } from './json-patch.ts';
export { applyOverrides, podSpecOf } from './overrides.ts';
export { clusterMatcher, selectClusters, selectorMatches } from './select.ts';
export { replicasThatFit, splitReplicas } from './split.ts';
