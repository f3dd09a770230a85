import { useQuery } from '@tanstack/react-query';
import { Button, Card, Drawer, Flex, Input, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useSearchTable } from '../../app/use-search-table.ts';
import { PageFooter } from '../cluster/PageFooter.tsx';
import { CrdList } from './CrdList.tsx';
import { FreshnessNotice } from './FreshnessNotice.tsx';
import { NamespaceFilter } from './NamespaceFilter.tsx';
import { ObjectYaml } from './ObjectYaml.tsx';
import { printerCell, printerColumnsOf } from './printer-columns.ts';
import { type CrdSummary, type Found, type KubeObject, resourcesApi } from './resources-api.ts';
import { useDeleteObject } from './use-delete.ts';

const CRDS = 'customresourcedefinitions.apiextensions.k8s.io';

/** One CRD's custom resources from Portolan's store, paged by the server, in the CRD's own printer columns. */
function CustomResources({ cluster, crd }: { cluster: string; crd: CrdSummary }) {
  const { t, format } = useI18n();
  const can = useCan();
  const namespaced = crd.scope === 'Namespaced';
  const [shown, setShown] = useState<KubeObject>();
  const kind = `${crd.plural}.${crd.group}`;
  const confirmDelete = useDeleteObject(cluster, () => setShown(undefined));
  const key = ['resources', cluster, 'crd', crd.name];
  const definition = useQuery({
    queryKey: [...key, 'definition'],
    queryFn: () => resourcesApi.object(cluster, CRDS, crd.name),
  });
  // Paged, sorted and filtered by the server from Portolan's store, like every other kind.
  const table = useSearchTable<Found>({
    queryKey: [...key, 'objects'],
    kind,
    cluster,
    sorts: namespaced ? ['name', 'namespace', 'created'] : ['name', 'created'],
    namespaced,
  });
  const objects = table.answer;
  const items = table.items.flatMap((item) => (item.object ? [item.object] : []));
  const columns = printerColumnsOf(definition.data, items);
  const now = Date.now();
  const whereOf = (object: KubeObject) => object.metadata?.namespace;
  const mayDelete = (object: KubeObject) => {
    const ns = whereOf(object);
    return can('resources:write', ns ? { cluster, namespace: ns } : { cluster });
  };

  return (
    <Card
      size="small"
      title={t('resources.customOf', { kind: crd.kind })}
      extra={<Typography.Text type="secondary">{crd.name}</Typography.Text>}
    >
      <Flex vertical gap={8}>
        <Space wrap>
          {namespaced && (
            <NamespaceFilter
              cluster={cluster}
              value={table.filters.namespace}
              onChange={(namespace) => table.change({ namespace })}
            />
          )}
          <Input.Search
            allowClear
            style={{ width: 200 }}
            aria-label={t('resources.nameContains')}
            placeholder={t('resources.nameContains')}
            defaultValue={table.filters.name}
            onSearch={(value) => table.change({ name: value.trim() })}
          />
          <Input.Search
            allowClear
            style={{ width: 240 }}
            aria-label={t('resources.labelSelector')}
            placeholder={t('resources.labelSelectorHint')}
            defaultValue={table.filters.selector}
            onSearch={(value) => table.change({ selector: value.trim() })}
          />
          <Typography.Text type="secondary" data-testid="resource-count">
            {t(table.estimated ? 'resources.countAbout' : 'resources.count', {
              count: format.number(table.total),
            })}
          </Typography.Text>
        </Space>
        <FreshnessNotice freshness={table.freshness} />
        {(objects.error || definition.error) && (
          <ErrorNotice error={objects.error ?? definition.error} onRetry={() => void objects.refetch()} />
        )}
        <Table<KubeObject>
          size="small"
          rowKey={(object) => object.metadata?.uid ?? `${whereOf(object)}/${object.metadata?.name}`}
          loading={
            objects.isPending || definition.isPending || (objects.isFetching && objects.isPlaceholderData)
          }
          dataSource={items}
          pagination={false}
          onChange={(_pagination, _filters, sorter) => table.onSort(sorter)}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('resources.empty', { kind: crd.kind }) }}
          columns={[
            {
              title: t('resources.name'),
              key: 'name',
              sorter: true,
              sortOrder: table.sortOrder('name'),
              render: (_, object) => (
                <Typography.Link onClick={() => setShown(object)}>{object.metadata?.name}</Typography.Link>
              ),
            },
            ...(namespaced
              ? [
                  {
                    title: t('resources.namespace'),
                    key: 'namespace',
                    sorter: true,
                    sortOrder: table.sortOrder('namespace'),
                    render: (_: unknown, object: KubeObject) => whereOf(object),
                  },
                ]
              : []),
            ...columns.map((column) => ({
              title: column.description ? (
                <Tooltip title={column.description}>{column.name}</Tooltip>
              ) : (
                column.name
              ),
              key: `printer-${column.name}`,
              render: (_: unknown, object: KubeObject) => {
                const cell = printerCell(column, object);
                return cell.date ? (
                  <Tooltip title={format.dateTime(cell.date)}>{format.ago(cell.date, now)}</Tooltip>
                ) : (
                  cell.text || '–'
                );
              },
            })),
            {
              title: t('resources.age'),
              key: 'created',
              sorter: true,
              sortOrder: table.sortOrder('created'),
              render: (_, object) =>
                object.metadata?.creationTimestamp ? (
                  <Tooltip title={format.dateTime(object.metadata.creationTimestamp)}>
                    {format.ago(object.metadata.creationTimestamp, now)}
                  </Tooltip>
                ) : (
                  '–'
                ),
            },
            {
              title: t('resources.actions'),
              key: 'actions',
              render: (_, object) =>
                mayDelete(object) ? (
                  <Button
                    danger
                    size="small"
                    onClick={() =>
                      confirmDelete({
                        kindLabel: crd.kind,
                        kind,
                        name: object.metadata?.name ?? '',
                        ...(whereOf(object) ? { namespace: whereOf(object) } : {}),
                      })
                    }
                  >
                    {t('resources.delete')}
                  </Button>
                ) : null,
            },
          ]}
        />
        {table.answer.data && <PageFooter table={table} />}
      </Flex>
      <Drawer
        title={
          shown
            ? t('resources.titleOf', {
                kind: crd.kind,
                name: [whereOf(shown), shown.metadata?.name].filter(Boolean).join('/'),
              })
            : ''
        }
        open={shown !== undefined}
        onClose={() => setShown(undefined)}
        size="large"
        destroyOnHidden
      >
        {shown && (
          <ObjectYaml
            cluster={cluster}
            object={shown}
            editable={mayDelete(shown)}
            onApplied={() => void objects.refetch()}
          />
        )}
      </Drawer>
    </Card>
  );
}

/** The cluster's CustomResourceDefinitions; choosing one lists its custom resources below. */
export default function CustomTab({ cluster }: { cluster: string }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const chosenName = params.get('crd') ?? '';
  // The chosen definition, asked by name: it need not be on the page of definitions shown.
  const chosen = useQuery({
    queryKey: ['resources', cluster, 'crds', { name: chosenName }],
    queryFn: () => resourcesApi.crds(cluster, { name: chosenName, limit: 1 }),
    enabled: chosenName !== '',
  });
  const crd = chosenName ? chosen.data?.items[0] : undefined;
  const choose = (name: string) => setParams({ crd: name }, { replace: true });

  return (
    <Flex vertical gap={12}>
      <CrdList cluster={cluster} chosen={chosenName} onChoose={choose} />
      {crd ? (
        <CustomResources key={crd.name} cluster={cluster} crd={crd} />
      ) : (
        !chosenName && <Typography.Text type="secondary">{t('resources.chooseCrd')}</Typography.Text>
      )}
    </Flex>
  );
}
