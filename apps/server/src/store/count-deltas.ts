import type { Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Count changes of one transaction, applied in a fixed order so concurrent writers cannot deadlock. */
export class CountDeltas {
  #deltas = new Map<string, { typeId: number; phase: string; delta: number }>();
  add(typeId: number, phase: string | null, delta: number): void {
    const key = `${typeId}\u0000${phase ?? ''}`;
    const entry = this.#deltas.get(key) ?? { typeId, phase: phase ?? '', delta: 0 };
    entry.delta += delta;
    this.#deltas.set(key, entry);
  }
  async apply(trx: Transaction<Database>, clusterId: string): Promise<void> {
    const rows = [...this.#deltas.values()]
      .filter((d) => d.delta !== 0)
      .sort((a, b) => a.typeId - b.typeId || (a.phase < b.phase ? -1 : a.phase > b.phase ? 1 : 0))
      .map((d) => ({ cluster_id: clusterId, type_id: d.typeId, phase: d.phase, count: d.delta }));
    if (rows.length === 0) return;
    await trx
      .insertInto('resource_counts')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['cluster_id', 'type_id', 'phase'])
          .doUpdateSet((eb) => ({ count: eb('resource_counts.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
  }
}
