/** IAM services on a fresh SQLite store with a clock the test moves; cheap hashing keeps tests quick. */
import { randomBytes } from 'node:crypto';
import { createSqlAuditStore } from '#server/store/audit/audit-sql-store.ts';
import type { AuditStore } from '#server/store/audit/audit-store.ts';
import { createSqlIamStore } from '#server/store/iam/iam-sql-store.ts';
import { sqliteTestDatabase } from '#server/store/testing/database-fixtures.ts';
import { createIamServices, type IamOptions, type IamServices } from '../iam-services.ts';

export const CHEAP_COST = { memoryKiB: 64, passes: 1, parallelism: 1 };

export interface TestIam extends IamServices {
  auditStore: AuditStore;
  /** Moves the clock forward. */
  advance(ms: number): void;
  now(): number;
  destroy(): Promise<void>;
}

export async function createTestIam(
  options: Partial<Omit<IamOptions, 'store' | 'auditStore' | 'clock'>> = {},
): Promise<TestIam> {
  const database = await sqliteTestDatabase();
  let now = Date.UTC(2030, 0, 1);
  let ids = 0;
  const auditStore = createSqlAuditStore({ db: database.db });
  const services = createIamServices({
    store: createSqlIamStore({ db: database.db, now: () => now }),
    auditStore,
    clock: () => new Date(now),
    random: randomBytes,
    newId: () => `id-${++ids}`,
    hashCost: CHEAP_COST,
    ...options,
  });
  return {
    ...services,
    auditStore,
    advance(ms) {
      now += ms;
    },
    now: () => now,
    destroy: () => database.destroy(),
  };
}
