import type { PropagationView } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Dropdown, Empty, Flex, Select, Space, Table, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { AddressSearch } from '../../app/AddressSearch.tsx';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { propagationPath, propagationsApi } from './propagations-api.ts';
import { type QuickStart, QuickStartModal } from './QuickStarts.tsx';
import { MOVING_PHASES, PHASES, PhaseTag, TROUBLED } from './tags.tsx';
import { PAGE_SIZES, propagationQuery, usePropagationFilters } from './use-propagation-filters.ts';

const POLL_MS = 3_000;

/** Applied of all targets, with a mark naming the clusters that want attention. */
function TargetsCell({ view }: { view: PropagationView }) {
  const { t, format } = useI18n();
  const { token } = theme.useToken();
  const { targets, hiddenTargets } = view.status;
  const applied = targets.filter((target) => target.state === 'applied').length;
  const troubled = targets.filter((target) => TROUBLED.includes(target.state));
  return (
    <Space size={6} data-targets={`${applied}/${targets.length}`}>
      <Tooltip
        title={targets
          .map((target) => `${target.cluster}: ${t(`propagations.state.${target.state}`)}`)
          .join(' · ')}
      >
        <span>
          {format.number(applied)}/{format.number(targets.length)}
        </span>
      </Tooltip>
      {troubled.length > 0 && (
        <Tooltip
          title={troubled
            .map((target) => `${target.cluster}: ${t(`propagations.state.${target.state}`)}`)
            .join(' · ')}
        >
          <Typography.Text style={{ color: token.colorWarning }} data-troubled={troubled.length}>
            ⚠ {t('propagations.troubled', { count: format.number(troubled.length) })}
          </Typography.Text>
        </Tooltip>
      )}
      {hiddenTargets ? (
        <Tooltip title={t('propagations.hiddenHelp')}>
          <Typography.Text type="secondary">
            {t('propagations.hidden', { count: format.number(hiddenTargets) })}
          </Typography.Text>
        </Tooltip>
      ) : null}
    </Space>
  );
}

/** /propagations: every multi-cluster application the caller may read, with the ways to make one. */
export default function PropagationsPage() {
  const { t, format } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [filters, change] = usePropagationFilters();
  const [quick, setQuick] = useState<QuickStart>();
  const query = propagationQuery(filters);
  const list = useQuery({
    queryKey: ['propagations', 'list', query],
    queryFn: () => propagationsApi.list(query),
    placeholderData: keepPreviousData,
    refetchInterval: (current) =>
      current.state.data?.items.some((view) => MOVING_PHASES.includes(view.status.phase)) ? POLL_MS : false,
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  const writer = can('resources:write', { somewhere: true });
  const writable = (clusters.data?.items ?? []).filter((cluster) =>
    can('resources:write', { inCluster: cluster.name }),
  );
  const rows = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const filtered = Boolean(filters.q || filters.cluster || filters.phase);
  const now = Date.now();

  const createButtons = (
    <Space wrap>
      <Button type="primary" onClick={() => navigate('/propagations/new')}>
        {t('propagations.create')}
      </Button>
      <Button onClick={() => setQuick('namespace')}>{t('propagations.quick.namespace.title')}</Button>
      <Button onClick={() => setQuick('role')}>{t('propagations.quick.role.title')}</Button>
    </Space>
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('propagations.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('propagations.intro')}</Typography.Text>
        </div>
        {writer && (
          <Space.Compact>
            <Button type="primary" onClick={() => navigate('/propagations/new')}>
              {t('propagations.create')}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'namespace', label: t('propagations.quick.namespace.title') },
                  { key: 'role', label: t('propagations.quick.role.title') },
                ],
                onClick: ({ key }) => setQuick(key as QuickStart),
              }}
            >
              <Button type="primary" aria-label={t('propagations.quickStarts')}>
                ▾
              </Button>
            </Dropdown>
          </Space.Compact>
        )}
      </Flex>
      <Card size="small">
        <Flex vertical gap={8}>
          <Space wrap>
            <AddressSearch
              allowClear
              style={{ width: 260 }}
              placeholder={t('propagations.search')}
              aria-label={t('propagations.search')}
              value={filters.q}
              onFilter={(value) => change({ q: value })}
            />
            <Select
              style={{ width: 200 }}
              showSearch
              aria-label={t('propagations.col.cluster')}
              value={filters.cluster}
              onChange={(value) => change({ cluster: value })}
              options={[
                { value: '', label: t('propagations.allClusters') },
                ...(clusters.data?.items ?? []).map((cluster) => ({
                  value: cluster.name,
                  label: cluster.name,
                })),
              ]}
            />
            <Select
              style={{ width: 160 }}
              aria-label={t('propagations.col.phase')}
              value={filters.phase}
              onChange={(value) => change({ phase: value })}
              options={[
                { value: '', label: t('propagations.anyPhase') },
                ...PHASES.map((phase) => ({ value: phase, label: <PhaseTag phase={phase} /> })),
              ]}
            />
          </Space>
          {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
          <Table<PropagationView>
            size="small"
            rowKey={(view) => view.document.metadata.name}
            loading={list.isPending || list.isPlaceholderData}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: filters.page,
              pageSize: filters.size,
              total,
              pageSizeOptions: PAGE_SIZES.map(String),
              showSizeChanger: true,
              showTotal: (count) => t('propagations.count', { total: format.number(count) }),
              onChange: (page, size) =>
                size !== filters.size ? change({ size, page: undefined }) : change({ page }),
            }}
            locale={{
              emptyText: filtered ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('propagations.empty')}>
                  <Button onClick={() => change({ q: undefined, cluster: undefined, phase: undefined })}>
                    {t('propagations.clearFilters')}
                  </Button>
                </Empty>
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={writer ? t('propagations.emptyAll') : t('propagations.emptyReader')}
                >
                  {writer && createButtons}
                </Empty>
              ),
            }}
            columns={[
              {
                title: t('propagations.col.name'),
                key: 'name',
                render: (_, view) => (
                  <Link to={propagationPath(view.document.metadata.name)}>{view.document.metadata.name}</Link>
                ),
              },
              {
                title: t('propagations.col.phase'),
                key: 'phase',
                render: (_, view) => <PhaseTag phase={view.status.phase} />,
              },
              {
                title: t('propagations.col.targets'),
                key: 'targets',
                render: (_, view) => <TargetsCell view={view} />,
              },
              {
                title: t('propagations.col.replicas'),
                key: 'replicas',
                align: 'right',
                render: (_, view) =>
                  view.status.replicas
                    ? `${format.number(view.status.replicas.ready)}/${format.number(view.status.replicas.desired)}`
                    : '–',
              },
              {
                title: t('propagations.col.updated'),
                key: 'updated',
                render: (_, view) => (
                  <Tooltip title={format.dateTime(view.updatedAt)}>
                    {t('propagations.updatedBy', {
                      user: view.updatedBy,
                      ago: format.ago(view.updatedAt, now),
                    })}
                  </Tooltip>
                ),
              },
            ]}
          />
        </Flex>
      </Card>
      <QuickStartModal kind={quick} clusters={writable} onClose={() => setQuick(undefined)} />
    </Flex>
  );
}
