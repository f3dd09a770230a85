/**
 * The permissions routes declare. Every route must name one (the app refuses to register a
 * route without it), so the route × permission table can be checked as a whole. They are IAM's
 * vocabulary (roles grant them, authorize checks them); http/ only attaches one to each route.
 * The list itself is part of the public contract (@portolan/api), so clients read the same one.
 */
export { PERMISSIONS, type Permission } from '@portolan/api';
