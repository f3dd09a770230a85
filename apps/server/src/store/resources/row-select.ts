import type { QueryCreator, Selectable } from 'kysely';
import type { Database, ResourcesTable } from '../schema.ts';

/** A resources row as searches read it: what a StoredResource is made of, its object apart. */
export type Row = Omit<Selectable<ResourcesTable>, 'cpu_request' | 'memory_request'>;

/** The columns a search sorts by. */
export type SortColumn = 'name' | 'namespace' | 'cluster_id' | 'created_at' | 'id';

// The columns a StoredResource is made of (its object is in resource_objects).
const ROW_COLUMNS = [
  'resources.id',
  'resources.cluster_id',
  'resources.type_id',
  'resources.namespace',
  'resources.name',
  'resources.uid',
  'resources.resource_version',
  'resources.labels',
  'resources.owner_uid',
  'resources.node_name',
  'resources.phase',
  'resources.created_at',
  'resources.synced_at',
] as const;

/** The row columns of `resources`, whichever table (or CTE of that name) the creator sees. */
export const selectRows = (db: QueryCreator<Database>) => db.selectFrom('resources').select(ROW_COLUMNS);
