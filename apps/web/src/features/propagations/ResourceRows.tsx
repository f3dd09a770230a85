import type { Cluster, SearchAnswer } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Card, Checkbox, Flex, Form, Input, Select, Typography } from 'antd';
import { request } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { clearable, selectorRule } from './form-rules.ts';
import { choiceOf, KINDS, kindKey, kindOfKey } from './kinds.ts';
import type { ResourceRow } from './propagation-form.ts';

/** Names of one kind on one cluster (and namespace), as the store has them. */
function namesOf(cluster: string, plural: string, namespace: string): Promise<SearchAnswer> {
  const params = new URLSearchParams({ kinds: plural, clusters: cluster, limit: '500', objects: 'false' });
  if (namespace) params.set('namespaces', namespace);
  return request<SearchAnswer>('GET', `/api/v1/search?${params}`);
}

/** Distinct names of a search answer, sorted. */
const distinct = (answer: SearchAnswer | undefined, pick: (item: SearchAnswer['items'][number]) => string) =>
  [...new Set((answer?.items ?? []).map(pick))].sort();

/** One row: a kind, its namespace, and names (offered from the source cluster) or a label selector. */
function ResourceRowFields({ index, source, onRemove }: { index: number; source: string; onRemove(): void }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const row = Form.useWatch(['resources', index], form) as ResourceRow | undefined;
  const choice = choiceOf(row?.type ?? '');
  const namespaced = choice?.namespaced ?? true;
  const namespace = row?.namespace?.trim() ?? '';
  const namespaces = useQuery({
    queryKey: ['propagations', 'source-namespaces', source],
    queryFn: () => namesOf(source, 'namespaces', ''),
    enabled: Boolean(source) && namespaced,
    staleTime: 30_000,
  });
  const names = useQuery({
    queryKey: ['propagations', 'source-names', source, choice?.plural, namespace],
    queryFn: () => namesOf(source, choice?.plural ?? '', namespaced ? namespace : ''),
    enabled: Boolean(source && choice && (!namespaced || namespace)),
    staleTime: 10_000,
  });
  const types = KINDS.map((kind) => ({
    value: kindKey(kind.apiVersion, kind.kind),
    label: `${kind.kind} (${kind.apiVersion})`,
  }));
  if (row?.type && !choice) {
    const { apiVersion, kind } = kindOfKey(row.type);
    types.push({ value: row.type, label: `${kind} (${apiVersion})` });
  }
  return (
    <Card
      size="small"
      type="inner"
      data-resource-row={index}
      title={t('propagations.form.resourceN', { n: index + 1 })}
      extra={
        <Button size="small" type="text" danger onClick={onRemove}>
          {t('propagations.form.remove')}
        </Button>
      }
    >
      <Flex gap={12} wrap>
        <Form.Item
          name={[index, 'type']}
          label={t('propagations.form.kind')}
          style={{ minWidth: 240 }}
          rules={[{ required: true, message: t('propagations.form.kindRequired') }]}
        >
          <Select
            showSearch
            aria-label={t('propagations.form.kind')}
            options={types}
            optionFilterProp="label"
          />
        </Form.Item>
        {namespaced && (
          <Form.Item
            name={[index, 'namespace']}
            label={t('propagations.form.namespace')}
            style={{ minWidth: 200 }}
            rules={[{ required: true, message: t('propagations.form.namespaceRequired') }]}
          >
            <AutoComplete
              aria-label={t('propagations.form.namespace')}
              options={distinct(namespaces.data, (item) => item.name).map((value) => ({ value }))}
              filterOption={(input, option) => String(option?.value ?? '').includes(input)}
            />
          </Form.Item>
        )}
        <Form.Item
          name={[index, 'names']}
          label={t('propagations.form.names')}
          extra={t('propagations.form.namesHelp')}
          style={{ flex: 1, minWidth: 260 }}
        >
          <Select
            mode="tags"
            aria-label={t('propagations.form.names')}
            loading={names.isFetching}
            tokenSeparators={[',', ' ']}
            options={distinct(names.data, (item) => item.name).map((value) => ({ value, label: value }))}
            notFoundContent={
              <Typography.Text type="secondary">
                {source ? t('propagations.form.noNames') : t('propagations.form.pickSource')}
              </Typography.Text>
            }
          />
        </Form.Item>
        <Form.Item
          name={[index, 'labelSelector']}
          label={t('propagations.form.objectSelector')}
          style={{ minWidth: 220 }}
          rules={[selectorRule(t)]}
        >
          <Input
            aria-label={t('propagations.form.objectSelector')}
            placeholder="app=shop"
            disabled={Boolean(row?.names?.length)}
            autoComplete="off"
          />
        </Form.Item>
      </Flex>
    </Card>
  );
}

/** What is read from the source cluster: the cluster, each kind's objects, and their dependencies. */
export function ResourceRows({ clusters }: { clusters: readonly Cluster[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const source = (Form.useWatch('sourceCluster', form) as string | undefined) ?? '';
  const rows = (Form.useWatch('resources', form) as ResourceRow[] | undefined) ?? [];
  return (
    <Flex vertical gap={8}>
      <Flex gap={16} wrap align="flex-start">
        <Form.Item
          name="sourceCluster"
          label={t('propagations.form.source')}
          extra={t('propagations.form.sourceHelp')}
          style={{ minWidth: 260 }}
          rules={[
            {
              required: rows.length > 0,
              message: t('propagations.form.sourceRequired'),
            },
          ]}
        >
          <Select
            allowClear={clearable(t)}
            showSearch
            aria-label={t('propagations.form.source')}
            options={clusters.map((cluster) => ({ value: cluster.name, label: cluster.name }))}
          />
        </Form.Item>
        <Form.Item
          name="includeDependencies"
          valuePropName="checked"
          extra={t('propagations.form.dependenciesHelp')}
        >
          <Checkbox>{t('propagations.form.dependencies')}</Checkbox>
        </Form.Item>
      </Flex>
      <Form.List name="resources">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.length === 0 && (
              <Typography.Text type="secondary">{t('propagations.form.noResources')}</Typography.Text>
            )}
            {fields.map((field) => (
              <ResourceRowFields
                key={field.key}
                index={field.name}
                source={source}
                onRemove={() => remove(field.name)}
              />
            ))}
            <Button
              type="dashed"
              onClick={() =>
                add({
                  type: kindKey('apps/v1', 'Deployment'),
                  namespace: '',
                  names: [],
                  labelSelector: '',
                } satisfies ResourceRow)
              }
            >
              {t('propagations.form.addResource')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Flex>
  );
}
