import type { Cluster } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Checkbox, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { listClusters } from '../clusters/clusters-api.ts';
import { clearable, selectorRule } from './form-rules.ts';
import { isLabelSelector, type SelectorFields, selectsSomething } from './propagation-form.ts';

/** A registered cluster as a select option: its name and its labels, which selectors match. */
export function clusterOptions(clusters: readonly Cluster[]) {
  return clusters.map((cluster) => ({
    value: cluster.name,
    label: (
      <Flex gap={6} align="center" wrap={false}>
        <span>{cluster.name}</span>
        {Object.entries(cluster.labels ?? {})
          .slice(0, 3)
          .map(([key, value]) => (
            <Tag key={key} style={{ marginInlineEnd: 0 }}>
              {key}={value}
            </Tag>
          ))}
      </Flex>
    ),
  }));
}

/** A value that settles: what was typed a moment ago, so a count is not asked at every key. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The clusters a selector picks now, counted as the server matches labels; exclusions win. */
export function MatchingClusters({
  selector,
  clusters,
}: {
  selector: SelectorFields | undefined;
  clusters: readonly Cluster[];
}) {
  const { t, format } = useI18n();
  const settled = useSettled(selector);
  const labelSelector = settled?.labelSelector.trim() ?? '';
  const matched = useQuery({
    queryKey: ['propagations', 'matching-clusters', labelSelector],
    queryFn: () => listClusters({ labelSelector }),
    enabled: Boolean(labelSelector) && isLabelSelector(labelSelector) && !settled?.all,
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (!settled || !selectsSomething(settled)) return null;
  const picked = new Set<string>(
    settled.all
      ? clusters.map((cluster) => cluster.name)
      : [
          ...settled.names,
          ...(labelSelector ? (matched.data?.items ?? []).map((cluster) => cluster.name) : []),
        ],
  );
  for (const name of settled.exclude) picked.delete(name);
  const names = [...picked].sort();
  if (matched.error)
    return (
      <Typography.Text type="danger" data-matching="error">
        {matched.error instanceof ApiError ? matched.error.message : String(matched.error)}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" data-matching={names.length}>
      {names.length
        ? t('propagations.form.matching', {
            count: format.number(names.length),
            names: names.slice(0, 8).join(', ') + (names.length > 8 ? ' …' : ''),
          })
        : t('propagations.form.matchingNone')}
    </Typography.Text>
  );
}

/**
 * Which clusters, as a Form section: names (with their labels shown), a label selector, all, and
 * exclusions. `name` is where it sits in the form (relative inside a Form.List), `path` the whole path.
 */
export function ClusterSelectorFields({
  name,
  path,
  clusters,
  label,
}: {
  name: (string | number)[];
  path: (string | number)[];
  clusters: readonly Cluster[];
  label: string;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const selector = Form.useWatch(path, form) as SelectorFields | undefined;
  const options = clusterOptions(clusters);
  return (
    <Flex vertical gap={0}>
      <Form.Item
        label={label}
        name={[...name, 'names']}
        dependencies={[
          [...path, 'labelSelector'],
          [...path, 'all'],
        ]}
        rules={[
          {
            validator: async () => {
              if (!selectsSomething(form.getFieldValue(path) as SelectorFields))
                throw new Error(t('propagations.form.selectorEmpty'));
            },
          },
        ]}
      >
        <Select
          mode="multiple"
          allowClear={clearable(t)}
          aria-label={label}
          placeholder={t('propagations.form.clusterNames')}
          disabled={selector?.all}
          options={options}
          optionLabelProp="value"
        />
      </Form.Item>
      <Flex gap={12} wrap align="flex-start">
        <Form.Item
          name={[...name, 'labelSelector']}
          label={t('propagations.form.labelSelector')}
          style={{ flex: 1, minWidth: 260 }}
          rules={[selectorRule(t)]}
        >
          <Input
            aria-label={`${label}: ${t('propagations.form.labelSelector')}`}
            placeholder="env=prod,region in (eu,us)"
            disabled={selector?.all}
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item
          name={[...name, 'exclude']}
          label={t('propagations.form.exclude')}
          style={{ flex: 1, minWidth: 220 }}
        >
          <Select
            mode="multiple"
            allowClear={clearable(t)}
            aria-label={`${label}: ${t('propagations.form.exclude')}`}
            options={options}
            optionLabelProp="value"
          />
        </Form.Item>
      </Flex>
      <Space align="baseline" wrap>
        <Form.Item name={[...name, 'all']} valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('propagations.form.allClusters')}</Checkbox>
        </Form.Item>
        <MatchingClusters selector={selector} clusters={clusters} />
      </Space>
    </Flex>
  );
}
