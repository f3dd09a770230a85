import { Input, Select, Space } from 'antd';
import { memo } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import type { FilterChanges, PodFilters } from './use-pod-filters.ts';

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

interface Props {
  cluster: string | undefined;
  filters: PodFilters;
  change: (changes: FilterChanges) => void;
  clusterNames: string[];
}

/** The filters these inputs show: a new sort, order or page size leaves them as they are. */
const shownFilters = ({ filters: f }: Props) =>
  [f.nameContains, f.namespaces, f.node, f.labelSelector, f.clusters.join(','), f.phase.join(',')].join('\n');
const sameInputs = (before: Props, after: Props) =>
  before.cluster === after.cluster &&
  before.change === after.change &&
  before.clusterNames === after.clusterNames &&
  shownFilters(before) === shownFilters(after);

/**
 * The pods list's filters. Kept apart (and memoised) so that a page of live data arriving every
 * second, or a new sort, renders the table, not these inputs.
 */
export const PodFilterBar = memo(function PodFilterBar(props: Props) {
  const { cluster, filters, change, clusterNames } = props;
  const { t } = useI18n();
  return (
    <Space wrap>
      <Input.Search
        allowClear
        style={{ width: 220 }}
        placeholder={t('pods.filter.name')}
        aria-label={t('pods.filter.name')}
        defaultValue={filters.nameContains}
        onSearch={(value) => change({ nameContains: value })}
      />
      {!cluster && (
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 180 }}
          maxTagCount="responsive"
          placeholder={t('pods.filter.clusters')}
          aria-label={t('pods.filter.clusters')}
          value={filters.clusters}
          onChange={(value) => change({ clusters: value })}
          options={clusterNames.map((name) => ({ value: name, label: name }))}
        />
      )}
      <Input.Search
        allowClear
        style={{ width: 200 }}
        placeholder={t('pods.filter.namespaces')}
        aria-label={t('pods.filter.namespaces')}
        defaultValue={filters.namespaces}
        onSearch={(value) => change({ namespaces: value })}
      />
      <Select
        mode="multiple"
        allowClear
        style={{ minWidth: 160 }}
        placeholder={t('pods.filter.phase')}
        aria-label={t('pods.filter.phase')}
        value={filters.phase}
        onChange={(value) => change({ phase: value })}
        options={PHASES.map((phase) => ({ value: phase, label: t(`pods.phase.${phase}`) }))}
      />
      <Input.Search
        allowClear
        style={{ width: 160 }}
        placeholder={t('pods.filter.node')}
        aria-label={t('pods.filter.node')}
        defaultValue={filters.node}
        onSearch={(value) => change({ node: value })}
      />
      <Input.Search
        allowClear
        style={{ width: 220 }}
        placeholder={t('pods.filter.labels')}
        aria-label={t('pods.filter.labels')}
        defaultValue={filters.labelSelector}
        onSearch={(value) => change({ labelSelector: value })}
      />
    </Space>
  );
}, sameInputs);
