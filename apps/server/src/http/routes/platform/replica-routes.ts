import { type ReplicaList, replicaList } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { responses } from '../shared/route-schemas.ts';

/** The Portolan servers sharing this database and what each owns since when (platform Admins). */
export function registerReplicaRoutes(
  app: FastifyInstance,
  replicas: { list(): Promise<ReplicaList> },
): void {
  app.get(
    '/api/v1/replicas',
    {
      config: { permission: 'replicas:read' },
      schema: {
        summary:
          'Replicas sharing the database, with the clusters and singleton jobs each owns and since when',
        tags: ['platform'],
        response: responses({ 200: replicaList }),
      },
    },
    () => replicas.list(),
  );
}
