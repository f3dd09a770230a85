import type { Permission } from '#server/iam/permissions.ts';

/**
 * Each route's config names the permission it needs (iam/permissions.ts); Fastify learns the
 * field here, in http/, so that iam/ knows nothing of the web framework.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
}
