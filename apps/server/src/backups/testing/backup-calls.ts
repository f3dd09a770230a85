import assert from 'node:assert/strict';
import type { BackupView, RestoreView } from '@portolan/api';
import { eventually } from '@portolan/sandbox/testing';
import type { Harness } from '#server/testing/portolan-harness.ts';

export type Headers = Record<string, string>;

/** A Namespace with a ConfigMap `settings` (mode: guarded) and a Secret `creds` (password: guarded-pw). */
export function guardedObjects(namespace: string) {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace },
        data: { mode: 'guarded' },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'creds', namespace },
        type: 'Opaque',
        stringData: { password: 'guarded-pw' },
      },
    ],
  };
}

/** Backup and restore calls against a harness (read when called: tests start it in `before`). */
export function backupCalls(harnessOf: () => Harness) {
  async function as<T>(headers: Headers, method: string, path: string, body?: unknown) {
    const response = await fetch(`${harnessOf().url}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  async function putPlan(name: string, spec: object, status = 201) {
    const saved = await harnessOf().call('PUT', `/api/v1/backups/plans/${name}`, spec);
    assert.equal(saved.status, status, JSON.stringify(saved.body));
  }
  async function runPlan(plan: string): Promise<BackupView> {
    const started = await harnessOf().call<BackupView>('POST', `/api/v1/backups/plans/${plan}/run`);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    return started.body;
  }
  const backupEnd = (id: string): Promise<BackupView> =>
    eventually(
      'the backup ends',
      async () => {
        const view = (await harnessOf().call<BackupView>('GET', `/api/v1/backups/${id}`)).body;
        return view.state === 'running' ? undefined : view;
      },
      30_000,
      100,
    );
  const restoreEnd = (id: string, headers: Headers = harnessOf().headers): Promise<RestoreView> =>
    eventually(
      'the restore ends',
      async () => {
        const view = (await as<RestoreView>(headers, 'GET', `/api/v1/restores/${id}`)).body;
        return view.state === 'running' ? undefined : view;
      },
      30_000,
      100,
    );
  return { as, putPlan, runPlan, backupEnd, restoreEnd };
}
