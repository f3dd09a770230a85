import type { Operation, OperationPage, OperationQuery } from '@portolan/api';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { LifecycleStore, StoredOperation } from '#server/store/lifecycle/lifecycle-store.ts';
import { LifecycleError } from './lifecycle-errors.ts';
import { type OperationRecord, operationView } from './operation.ts';
import { rollbackSteps } from './operation-plans.ts';

type Actor = { id: string; name: string };

export const recordOf = (stored: StoredOperation) => stored.document as unknown as OperationRecord;

/** Reading operations, and the ways on from one: resume, rollback, cancel. */
export function createOperationControls(deps: {
  store: LifecycleStore;
  jobs: Pick<Jobs, 'cancel' | 'finished'>;
  launch: (op: OperationRecord, by: Actor) => Promise<OperationRecord>;
}) {
  const launch = deps.launch;
  const controls = {
    async operations(query: OperationQuery, clusters?: string[]): Promise<OperationPage> {
      const page = await deps.store.listOperations({
        limit: query.limit ?? 50,
        ...(query.cluster ? { cluster: query.cluster } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.continue ? { cursor: query.continue } : {}),
        ...(clusters ? { clusters } : {}),
      });
      return {
        items: page.items.map((s) => operationView(recordOf(s))),
        total: page.total,
        ...(page.next ? { continue: page.next } : {}),
      };
    },
    async operation(id: string): Promise<Operation> {
      const stored = await deps.store.getOperation(id);
      if (!stored)
        throw new LifecycleError(
          'not-found',
          `no lifecycle operation has id ${id}; GET /api/v1/lifecycle/operations lists them`,
        );
      return operationView(recordOf(stored));
    },
    async resume(id: string, by: Actor): Promise<Operation> {
      const stored = await deps.store.getOperation(id);
      if (!stored) throw new LifecycleError('not-found', `no lifecycle operation has id ${id}`);
      const op = recordOf(stored);
      if (!op.canResume || op.state === 'running' || op.state === 'succeeded')
        throw new LifecycleError('conflict', `operation ${id} is ${op.state} and cannot be resumed`);
      const running = await deps.store.runningOperation(op.cluster);
      if (running)
        throw new LifecycleError(
          'conflict',
          `cluster ${op.cluster} has an operation running already (${running.kind} ${running.id})`,
        );
      for (const step of op.steps)
        if (step.state === 'failed' || step.state === 'running') step.state = 'pending';
      op.state = 'running';
      return operationView(await launch(op, by));
    },
    async rollback(id: string, by: Actor): Promise<Operation> {
      const stored = await deps.store.getOperation(id);
      if (!stored) throw new LifecycleError('not-found', `no lifecycle operation has id ${id}`);
      const op = recordOf(stored);
      if (!op.canRollback || !op.snapshotId || op.state === 'running')
        throw new LifecycleError(
          'conflict',
          `operation ${id} cannot be rolled back: only a failed or cancelled upgrade with its pre-upgrade snapshot can`,
        );
      const running = await deps.store.runningOperation(op.cluster);
      if (running)
        throw new LifecycleError(
          'conflict',
          `cluster ${op.cluster} has an operation running already (${running.kind} ${running.id})`,
        );
      for (const step of op.steps) if (step.state !== 'done') step.state = 'skipped';
      op.steps.push(...rollbackSteps(op.snapshotId));
      op.rollingBack = true;
      op.state = 'running';
      return operationView(await launch(op, by));
    },
    async cancel(id: string, by: Actor): Promise<Operation> {
      const stored = await deps.store.getOperation(id);
      if (!stored) throw new LifecycleError('not-found', `no lifecycle operation has id ${id}`);
      const op = recordOf(stored);
      if (op.state !== 'running' || !op.jobId)
        throw new LifecycleError('conflict', `operation ${id} is ${op.state}, not running`);
      await deps.jobs.cancel(op.jobId, by);
      await Promise.race([
        deps.jobs.finished(op.jobId),
        new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
      ]);
      return controls.operation(id);
    },
  };
  return controls;
}
