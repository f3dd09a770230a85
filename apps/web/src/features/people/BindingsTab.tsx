import {
  BINDING_SORTS,
  type BindingLevel,
  type BindingSort,
  type RoleBindingListQuery,
  type RoleName,
} from '@portolan/api';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { CreateBindingModal } from './CreateBindingModal.tsx';
import { reasonOf } from './form-errors.ts';
import { ListEmpty, ListHead, useListPagination } from './ListParts.tsx';
import { useListAddress } from './list-address.ts';
import { peopleApi, type RoleBinding } from './people-api.ts';
import { ClusterSelect, NamespaceSelect, WorkspaceSelect } from './pickers.tsx';
import { LEVELS, ROLE_COLOR, ROLES, ScopeText, SubjectText } from './ScopeTag.tsx';

/** The filters kept in the address besides the text, each sent as the server's parameter of that name. */
const FILTERS = ['subjectKind', 'role', 'level', 'workspace', 'cluster', 'namespace'] as const;

/**
 * Role bindings the caller may administer, filtered by subject, role and scope, sorted and paged by
 * the server (filters in the address); create; remove.
 */
export function BindingsTab() {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const mayWrite = can('bindings:write', { somewhere: true });
  const [creating, setCreating] = useState(false);
  const list = useListAddress<BindingSort>(BINDING_SORTS, 'created');
  const chosen = Object.fromEntries(
    FILTERS.flatMap((name) => (list.get(name) ? [[name, list.get(name)]] : [])),
  );
  const query = {
    ...list.query,
    ...(list.get('q') && { q: list.get('q') }),
    ...chosen,
  } as RoleBindingListQuery;
  const bindings = useQuery({
    queryKey: ['people', 'bindings', query],
    queryFn: () => peopleApi.bindings(query),
    placeholderData: keepPreviousData,
  });
  const answer = bindings.error ? undefined : bindings.data;
  const pagination = useListPagination(list, answer?.total);
  const filtered = Boolean(list.get('q')) || Object.keys(chosen).length > 0;
  const clear = () =>
    list.change({ q: undefined, ...Object.fromEntries(FILTERS.map((name) => [name, undefined])) });
  const remove = useMutation({
    mutationFn: (binding: RoleBinding) => peopleApi.removeBinding(binding.id),
    onSuccess: (_, binding) => {
      message.success(t('people.bindings.removed', { subject: binding.subject.name }));
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (error) => message.error(reasonOf(error)),
  });
  const confirmRemove = (binding: RoleBinding) => {
    const where = describeScope(binding, t);
    modal.confirm({
      title: t('people.bindings.removeTitle', { subject: binding.subject.name }),
      content: t('people.bindings.removeText', {
        subject: binding.subject.name,
        role: t(`people.role.${binding.role}`),
        where,
      }),
      okText: t('people.bindings.removeConfirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(binding),
    });
  };
  const cluster = list.get('cluster') || undefined;

  return (
    <Flex vertical gap={8}>
      <ListHead
        list={list}
        placeholder={t('people.bindings.filterSubject')}
        count={answer && t('people.bindings.count', { count: format.number(answer.total) })}
        busy={bindings.isFetching}
        create={
          mayWrite ? { text: t('people.bindings.create'), onClick: () => setCreating(true) } : undefined
        }
      />
      <Space wrap>
        <Select<string>
          style={{ width: 150 }}
          aria-label={t('people.bindings.subjectKind')}
          value={list.get('subjectKind')}
          onChange={(subjectKind) => list.change({ subjectKind })}
          options={[
            { value: '', label: t('people.bindings.allSubjects') },
            { value: 'user', label: t('people.subject.user') },
            { value: 'group', label: t('people.subject.group') },
          ]}
        />
        <Select<RoleName | ''>
          style={{ width: 130 }}
          aria-label={t('people.bindings.role')}
          value={list.get('role') as RoleName | ''}
          onChange={(role) => list.change({ role })}
          options={[
            { value: '', label: t('people.bindings.allRoles') },
            ...ROLES.map((r) => ({ value: r, label: t(`people.role.${r}`) })),
          ]}
        />
        <Select<BindingLevel | ''>
          style={{ width: 140 }}
          aria-label={t('people.bindings.level')}
          value={list.get('level') as BindingLevel | ''}
          onChange={(level) => list.change({ level })}
          options={[
            { value: '', label: t('people.bindings.allLevels') },
            ...LEVELS.map((l) => ({ value: l, label: t(`people.level.${l}`) })),
          ]}
        />
        <WorkspaceSelect
          style={{ width: 170 }}
          aria-label={t('people.workspace')}
          placeholder={t('people.bindings.anyWorkspace')}
          value={list.get('workspace') || undefined}
          onChange={(workspace) => list.change({ workspace })}
        />
        <ClusterSelect
          style={{ width: 170 }}
          aria-label={t('people.cluster')}
          placeholder={t('people.bindings.anyCluster')}
          value={cluster}
          onChange={(value) => list.change({ cluster: value, namespace: undefined })}
        />
        <NamespaceSelect
          style={{ width: 170 }}
          aria-label={t('people.namespace')}
          placeholder={cluster ? t('people.bindings.anyNamespace') : t('people.pick.clusterFirst')}
          cluster={cluster}
          value={list.get('namespace') || undefined}
          onChange={(namespace) => list.change({ namespace })}
        />
      </Space>
      {bindings.error && <ErrorNotice error={bindings.error} onRetry={() => void bindings.refetch()} />}
      <Table<RoleBinding>
        size="small"
        rowKey="id"
        loading={bindings.isPending}
        dataSource={answer?.items ?? []}
        locale={{
          emptyText: (
            <ListEmpty
              text={filtered ? t('people.bindings.noMatch') : t('people.bindings.empty')}
              onClear={filtered ? clear : undefined}
            />
          ),
        }}
        pagination={pagination}
        onChange={(page, _filters, sorter, extra) =>
          list.onTableChange(page, sorter as never, extra as never)
        }
        columns={[
          {
            title: t('people.bindings.subject'),
            key: 'subject',
            sorter: true,
            sortOrder: list.sortOrder('subject'),
            render: (_, b) => <SubjectText subject={b.subject} />,
          },
          {
            title: t('people.bindings.role'),
            key: 'role',
            sorter: true,
            sortOrder: list.sortOrder('role'),
            render: (_, b) => <Tag color={ROLE_COLOR[b.role]}>{t(`people.role.${b.role}`)}</Tag>,
          },
          {
            title: t('people.bindings.scope'),
            key: 'scope',
            sorter: true,
            sortOrder: list.sortOrder('scope'),
            render: (_, b) => <ScopeText scope={b.scope} />,
          },
          {
            title: t('people.users.created'),
            key: 'created',
            sorter: true,
            sortOrder: list.sortOrder('created'),
            render: (_, b) => format.dateTime(b.createdAt),
          },
          ...(mayWrite
            ? [
                {
                  title: t('people.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, b: RoleBinding) => (
                    <Button size="small" danger onClick={() => confirmRemove(b)}>
                      {t('people.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CreateBindingModal open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}

function describeScope(binding: RoleBinding, t: ReturnType<typeof useI18n>['t']): string {
  const { scope } = binding;
  switch (scope.level) {
    case 'platform':
      return t('people.scope.platform');
    case 'workspace':
      return t('people.scope.workspace', { name: scope.workspace ?? '' });
    case 'cluster':
      return t('people.scope.cluster', { name: scope.cluster ?? '' });
    case 'namespace':
      return t('people.scope.namespace', { cluster: scope.cluster ?? '', namespace: scope.namespace ?? '' });
  }
}
