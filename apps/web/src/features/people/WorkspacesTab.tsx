import { WORKSPACE_SORTS, type WorkspaceListQuery, type WorkspaceSort } from '@portolan/api';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { reasonOf } from './form-errors.ts';
import { ListCount, ListEmpty, useListPagination } from './ListParts.tsx';
import { ListSearch } from './ListSearch.tsx';
import { useListAddress } from './list-address.ts';
import { NameForm } from './NameForm.tsx';
import { type BoundNamespace, peopleApi, type Workspace } from './people-api.ts';
import { ClusterSelect, NamespaceSelect } from './pickers.tsx';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Workspaces, searched, sorted and paged by the server (filters in the address): create, bind namespaces of clusters to them (one workspace per namespace), remove. */
export function WorkspacesTab() {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const mayWrite = can('workspaces:write', 'platform');
  const list = useListAddress<WorkspaceSort>(WORKSPACE_SORTS, 'name');
  const query: WorkspaceListQuery = { ...list.query, ...(list.get('q') && { q: list.get('q') }) };
  const workspaces = useQuery({
    queryKey: ['people', 'workspaces', query],
    queryFn: () => peopleApi.workspaces(query),
    placeholderData: keepPreviousData,
  });
  const answer = workspaces.error ? undefined : workspaces.data;
  const pagination = useListPagination(list, answer?.total);
  const filtered = Boolean(list.get('q'));
  const remove = useMutation({
    mutationFn: peopleApi.removeWorkspace,
    onSuccess: (_, name) => {
      message.success(t('people.workspaces.removed', { name }));
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (error) => message.error(reasonOf(error)),
  });
  const confirmRemove = (workspace: Workspace) =>
    modal.confirm({
      title: t('people.workspaces.removeTitle', { name: workspace.name }),
      content: t('people.workspaces.removeText', { name: workspace.name }),
      okText: t('people.workspaces.removeConfirm', { name: workspace.name }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(workspace.name),
    });

  return (
    <Flex vertical gap={8}>
      {mayWrite && (
        <Card size="small" title={t('people.workspaces.create')}>
          <NameForm
            pattern={DNS_LABEL}
            patternMessage={t('people.workspaces.nameRule')}
            namePlaceholder={t('people.workspaces.name')}
            submitText={t('people.create')}
            onCreate={async (name, description) => {
              await peopleApi.createWorkspace(name, description);
              message.success(t('people.workspaces.created', { name }));
              void queryClient.invalidateQueries({ queryKey: ['people', 'workspaces'] });
            }}
          />
        </Card>
      )}
      <Space wrap>
        <ListSearch
          value={list.get('q')}
          onSearch={(q) => list.change({ q })}
          placeholder={t('people.workspaces.search')}
        />
        <ListCount
          text={answer && t('people.workspaces.count', { count: format.number(answer.total) })}
          busy={workspaces.isFetching}
        />
      </Space>
      {workspaces.error && <ErrorNotice error={workspaces.error} onRetry={() => void workspaces.refetch()} />}
      <Table<Workspace>
        size="small"
        rowKey="name"
        loading={workspaces.isPending}
        dataSource={answer?.items ?? []}
        locale={{
          emptyText: (
            <ListEmpty
              text={filtered ? t('people.workspaces.noMatch') : t('people.workspaces.empty')}
              onClear={filtered ? () => list.change({ q: undefined }) : undefined}
            />
          ),
        }}
        pagination={pagination}
        onChange={(page, _filters, sorter, extra) =>
          list.onTableChange(page, sorter as never, extra as never)
        }
        expandable={{
          expandedRowRender: (workspace) => (
            <BoundNamespaces workspace={workspace.name} mayWrite={mayWrite} />
          ),
          expandRowByClick: false,
        }}
        columns={[
          {
            title: t('people.workspaces.name'),
            key: 'name',
            sorter: true,
            sortOrder: list.sortOrder('name'),
            render: (_, workspace) => <Typography.Text strong>{workspace.name}</Typography.Text>,
          },
          {
            title: t('people.description'),
            key: 'description',
            render: (_, workspace) => workspace.description || '–',
          },
          {
            title: t('people.users.created'),
            key: 'created',
            sorter: true,
            sortOrder: list.sortOrder('created'),
            render: (_, workspace) => format.dateTime(workspace.createdAt),
          },
          ...(mayWrite
            ? [
                {
                  title: t('people.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, workspace: Workspace) => (
                    <Button size="small" danger onClick={() => confirmRemove(workspace)}>
                      {t('people.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}

/** The namespaces bound to one workspace, grouped by cluster, with bind and unbind. */
function BoundNamespaces({ workspace, mayWrite }: { workspace: string; mayWrite: boolean }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['people', 'workspaces', workspace, 'namespaces'];
  const bound = useQuery({ queryKey: key, queryFn: () => peopleApi.workspaceNamespaces(workspace) });
  const [cluster, setCluster] = useState<string>();
  const [namespace, setNamespace] = useState<string>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const bind = useMutation({
    mutationFn: () => peopleApi.bindNamespace(workspace, cluster ?? '', namespace ?? ''),
    onSuccess: () => {
      message.success(t('people.workspaces.bound', { namespace: namespace ?? '', workspace }));
      setNamespace(undefined);
      void refresh();
    },
    onError: (error) => message.error(reasonOf(error)),
  });
  const unbind = useMutation({
    mutationFn: (b: BoundNamespace) => peopleApi.unbindNamespace(workspace, b.cluster, b.namespace),
    onSuccess: () => void refresh(),
    onError: (error) => message.error(reasonOf(error)),
  });
  const confirmUnbind = (b: BoundNamespace) =>
    modal.confirm({
      title: t('people.workspaces.unbindTitle', { namespace: `${b.cluster}/${b.namespace}`, workspace }),
      content: t('people.workspaces.unbindText', { workspace }),
      okText: t('people.workspaces.unbind'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => unbind.mutateAsync(b),
    });

  return (
    <Flex vertical gap={8} style={{ paddingBlock: 4 }}>
      {bound.error && <ErrorNotice error={bound.error} onRetry={() => void bound.refetch()} />}
      <Table<BoundNamespace>
        size="small"
        rowKey={(b) => `${b.cluster}/${b.namespace}`}
        loading={bound.isPending}
        dataSource={[...(bound.data?.items ?? [])].sort(
          (a, b) => a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace),
        )}
        locale={{ emptyText: t('people.workspaces.noNamespaces') }}
        pagination={false}
        columns={[
          { title: t('people.cluster'), dataIndex: 'cluster', key: 'cluster' },
          { title: t('people.namespace'), dataIndex: 'namespace', key: 'namespace' },
          ...(mayWrite
            ? [
                {
                  title: t('people.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, b: BoundNamespace) => (
                    <Button size="small" danger onClick={() => confirmUnbind(b)}>
                      {t('people.workspaces.unbind')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {mayWrite && (
        <Space wrap>
          <ClusterSelect
            style={{ width: 200 }}
            aria-label={t('people.cluster')}
            value={cluster}
            onChange={(value) => {
              setCluster(value);
              setNamespace(undefined);
            }}
          />
          <NamespaceSelect
            style={{ width: 200 }}
            aria-label={t('people.namespace')}
            cluster={cluster}
            value={namespace}
            onChange={setNamespace}
          />
          <Button disabled={!cluster || !namespace} loading={bind.isPending} onClick={() => bind.mutate()}>
            {t('people.workspaces.bind')}
          </Button>
        </Space>
      )}
    </Flex>
  );
}
