import {
  type GroupListQuery,
  groupList,
  groupListQuery,
  peopleGroup,
  type UserListQuery,
  userList,
  userListQuery,
} from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { effectivePermissions } from '#server/iam/access-review.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import type { IamServices } from '#server/iam/iam-services.ts';
import { checkGroupName } from '#server/iam/names.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { toUser } from '#server/store/iam/user-table.ts';
import { responses } from '../shared/route-schemas.ts';
import { errorBody, nameParams, str, user } from './iam-schemas.ts';
import { pageAnswer, splitPaging } from './people-paging.ts';

export interface IamRouteDeps {
  iam: IamServices;
  /** Called after bindings or workspace namespaces change, so member clusters' RBAC can follow. */
  onAccessChanged?: () => void | Promise<void>;
}

/** Users and local groups; platform-level (users:read / users:write). */
export function registerIamUserRoutes(app: FastifyInstance, deps: IamRouteDeps): void {
  const read = { permission: 'users:read' } as const;
  const write = { permission: 'users:write' } as const;
  const { store } = deps.iam;
  const find = async (username: string) => {
    const found = await store.users.getByUsername(username);
    if (!found) throw new IamError('not-found', `no user named "${username}"; list users to find it`);
    return found;
  };
  type Named = { Params: { username: string } };

  app.get<{ Querystring: UserListQuery }>(
    '/api/v1/users',
    {
      config: read,
      schema: {
        summary: 'Users, filtered, sorted and paged',
        querystring: userListQuery,
        response: responses({ 200: userList }),
      },
    },
    async (request) => {
      const { window, filter } = splitPaging(request.query);
      return pageAnswer(await store.users.page({ ...filter, ...window }), window);
    },
  );

  app.post<{ Body: { username: string; password: string; displayName?: string; email?: string } }>(
    '/api/v1/users',
    {
      config: write,
      schema: {
        summary: 'Create a local user',
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: str(128), password: str(1024), displayName: str(200), email: str(320) },
        },
        response: { 201: user, 409: errorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await deps.iam.users.createLocal(request.body)),
  );

  app.patch<Named & { Body: { disabled?: boolean; displayName?: string; email?: string | null } }>(
    '/api/v1/users/:username',
    {
      config: write,
      schema: {
        summary: 'Disable or enable a user, or change its name and email',
        params: nameParams('username'),
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            disabled: { type: 'boolean' },
            displayName: str(200),
            email: { type: ['string', 'null'], maxLength: 320 },
          },
        },
        response: { 200: user },
      },
    },
    async (request) => {
      const target = await find(request.params.username);
      const { disabled, ...rest } = request.body;
      if (disabled === true && target.id === callerOf(request).userId)
        throw new IamError('invalid', 'you cannot disable yourself; ask another administrator');
      if (disabled !== undefined) await deps.iam.users.setDisabled(target.id, disabled);
      return Object.keys(rest).length > 0
        ? store.users.update(target.id, rest)
        : toUser(await find(target.username));
    },
  );

  app.put<Named & { Body: { password: string } }>(
    '/api/v1/users/:username/password',
    {
      config: write,
      schema: {
        summary: "Reset a local user's password; its sessions end",
        params: nameParams('username'),
        body: {
          type: 'object',
          required: ['password'],
          additionalProperties: false,
          properties: { password: str(1024) },
        },
      },
    },
    async (request, reply) => {
      await deps.iam.users.setPassword((await find(request.params.username)).id, request.body.password);
      return reply.status(204).send();
    },
  );

  app.delete<Named>(
    '/api/v1/users/:username',
    {
      config: write,
      schema: {
        summary: 'Remove a user with its bindings, sessions and tokens',
        params: nameParams('username'),
      },
    },
    async (request, reply) => {
      const target = await find(request.params.username);
      if (target.id === callerOf(request).userId) throw new IamError('invalid', 'you cannot remove yourself');
      await store.users.delete(target.id);
      await deps.onAccessChanged?.();
      return reply.status(204).send();
    },
  );

  app.get<Named>(
    '/api/v1/users/:username/permissions',
    {
      config: read,
      schema: {
        summary: 'What the user may do where, and through which binding',
        params: nameParams('username'),
      },
    },
    async (request) => effectivePermissions(store, await find(request.params.username)),
  );

  app.get<{ Querystring: GroupListQuery }>(
    '/api/v1/groups',
    {
      config: read,
      schema: {
        summary: 'Local groups with their members, filtered, sorted and paged',
        querystring: groupListQuery,
        response: responses({ 200: groupList }),
      },
    },
    async (request) => {
      const { window, filter } = splitPaging(request.query);
      return pageAnswer(await store.groups.page({ ...filter, ...window }), window);
    },
  );

  app.post<{ Body: { name: string; description?: string } }>(
    '/api/v1/groups',
    {
      config: write,
      schema: {
        summary: 'Create a local group',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: str(63), description: str(2000, 0) },
        },
        response: { 201: peopleGroup },
      },
    },
    async (request, reply) => {
      checkGroupName(request.body.name);
      return reply.status(201).send(await store.groups.create(request.body));
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/api/v1/groups/:name',
    { config: write, schema: { summary: 'Remove a group with its bindings', params: nameParams('name') } },
    async (request, reply) => {
      await store.groups.delete(request.params.name);
      await deps.onAccessChanged?.();
      return reply.status(204).send();
    },
  );

  for (const method of ['PUT', 'DELETE'] as const) {
    app.route<{ Params: { name: string; username: string } }>({
      method,
      url: '/api/v1/groups/:name/members/:username',
      config: write,
      schema: {
        summary: method === 'PUT' ? 'Add a member' : 'Remove a member',
        params: nameParams('name', 'username'),
      },
      handler: async (request, reply) => {
        const member = await find(request.params.username);
        if (method === 'PUT') await store.groups.addMember(request.params.name, member.id);
        else await store.groups.removeMember(request.params.name, member.id);
        await deps.onAccessChanged?.();
        return reply.status(204).send();
      },
    });
  }
}
