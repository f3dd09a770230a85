/**
 * The permissions routes declare. Every route must name one (the app refuses to register a
 * route without it), so the route × permission table can be checked as a whole.
 */
export const PERMISSIONS = [
  'public',
  'metrics:read',
  'sandboxes:read',
  'sandboxes:write',
  'clusters:read',
  'clusters:write',
  'resources:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
}
