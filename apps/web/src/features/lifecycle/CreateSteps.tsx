import type { UseQueryResult } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import {
  type ClusterForm,
  cidrsOverlap,
  DEFAULT_POOL,
  nameProblem,
  networkOf,
  type PoolForm,
  parseCidr,
} from './cluster-form.ts';
import type { VersionEntry } from './lifecycle-api.ts';
import { PoolFields } from './PoolFields.tsx';

/** About how long a Kubernetes version takes to build the first time on this kind of machine. */
export const BUILD_MINUTES = 20;
const buildMinutes = (entry: VersionEntry) =>
  (entry as VersionEntry & { buildMinutes?: number }).buildMinutes ?? BUILD_MINUTES;

/** Name (checked as typed), provider and version (unbuilt ones marked with the wait). */
export function BasicsStep({ versions }: { versions: UseQueryResult<{ items: VersionEntry[] }> }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<ClusterForm>();
  const chosen = Form.useWatch('version', form);
  const entry = versions.data?.items.find((each) => each.version === chosen);
  return (
    <>
      <Form.Item
        label={t('lifecycle.name')}
        name="name"
        extra={t('lifecycle.form.nameHelp')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              const problem = nameProblem(value);
              if (problem) throw new Error(t(`lifecycle.form.name.${problem}`));
            },
          },
        ]}
      >
        <Input autoComplete="off" style={{ maxWidth: 360 }} autoFocus />
      </Form.Item>
      <Form.Item label={t('lifecycle.provider')} name="provider">
        <Select
          style={{ maxWidth: 360 }}
          options={[{ value: 'sandbox', label: t('lifecycle.provider.sandbox') }]}
        />
      </Form.Item>
      {versions.error && <ErrorNotice error={versions.error} onRetry={() => void versions.refetch()} />}
      <Form.Item
        label={t('lifecycle.version')}
        name="version"
        rules={[{ required: true, message: t('lifecycle.form.versionRequired') }]}
      >
        <Select
          style={{ maxWidth: 480 }}
          loading={versions.isPending}
          options={(versions.data?.items ?? []).map((each) => ({
            value: each.version,
            label: (
              <Space size={6} data-version={each.version}>
                <span>{each.version}</span>
                {each.default && <Tag color="blue">{t('lifecycle.form.versionDefault')}</Tag>}
                {each.built ? (
                  <Tag color="success">{t('lifecycle.form.versionBuilt')}</Tag>
                ) : (
                  <Tag color="warning">
                    {t('lifecycle.form.versionUnbuilt', { minutes: buildMinutes(each) })}
                  </Tag>
                )}
              </Space>
            ),
          }))}
        />
      </Form.Item>
      {entry && !entry.built && (
        <Alert
          type="info"
          showIcon
          title={t('lifecycle.form.versionUnbuiltNote', { minutes: buildMinutes(entry) })}
        />
      )}
    </>
  );
}

/** The node pools, one card each: add and remove rows. */
export function PoolsStep() {
  const { t } = useI18n();
  const form = Form.useFormInstance<ClusterForm>();
  const names = (except: number) => () =>
    ((form.getFieldValue('nodePools') ?? []) as PoolForm[])
      .filter((_, index) => index !== except)
      .map((pool) => pool?.name?.trim())
      .filter((name): name is string => Boolean(name));
  return (
    <Form.List
      name="nodePools"
      rules={[
        {
          validator: async (_, pools: PoolForm[] | undefined) => {
            if (!pools?.length) throw new Error(t('lifecycle.form.pool.none'));
          },
        },
      ]}
    >
      {(rows, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          {rows.map((row, index) => (
            <Card
              key={row.key}
              size="small"
              data-pool-row={index}
              title={t('lifecycle.form.poolN', { n: index + 1 })}
              extra={
                rows.length > 1 && (
                  <Button size="small" danger onClick={() => remove(row.name)}>
                    {t('lifecycle.form.pool.remove')}
                  </Button>
                )
              }
            >
              <PoolFields prefix={[row.name]} nameLocked={false} otherNames={names(index)} />
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <div>
            <Button onClick={() => add({ ...DEFAULT_POOL, name: `pool-${rows.length + 1}`, count: 1 })}>
              + {t('lifecycle.form.pool.add')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

/** Pod and Service ranges (checked, overlap refused on the Service field), audit log, and a review. */
export function NetworkStep() {
  const { t } = useI18n();
  const form = Form.useFormInstance<ClusterForm>();
  const values = Form.useWatch([], form) as ClusterForm | undefined;
  const cidrRule = () => ({
    validator: async (_: unknown, value: string | undefined) => {
      const { problem } = parseCidr(value);
      if (problem === 'notNetwork')
        throw new Error(t('lifecycle.form.cidr.notNetwork', { network: networkOf(value ?? '') ?? '' }));
      if (problem) throw new Error(t(`lifecycle.form.cidr.${problem}`));
    },
  });
  const pools = values?.nodePools ?? [];
  const nodes = pools.reduce((sum, pool) => sum + (Number(pool?.count) || 0), 0);
  return (
    <>
      <Flex gap={16} wrap>
        <Form.Item
          label={t('lifecycle.form.podCidr')}
          name="podCidr"
          extra={t('lifecycle.form.cidrHelp', { example: '10.244.0.0/16' })}
          rules={[cidrRule()]}
          style={{ width: 300 }}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('lifecycle.form.serviceCidr')}
          name="serviceCidr"
          extra={t('lifecycle.form.cidrHelp', { example: '10.96.0.0/16' })}
          dependencies={['podCidr']}
          style={{ width: 300 }}
          rules={[
            cidrRule(),
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                const pod = getFieldValue('podCidr') as string | undefined;
                if (cidrsOverlap(pod, value))
                  throw new Error(t('lifecycle.form.cidr.overlap', { pod: pod ?? '' }));
              },
            }),
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t('lifecycle.form.auditLog')}
        name="auditLog"
        valuePropName="checked"
        extra={t('lifecycle.form.auditLogHelp')}
      >
        <Switch />
      </Form.Item>
      <Descriptions
        size="small"
        bordered
        title={t('lifecycle.form.review')}
        column={1}
        items={[
          { key: 'name', label: t('lifecycle.name'), children: values?.name || '–' },
          { key: 'version', label: t('lifecycle.version'), children: values?.version || '–' },
          {
            key: 'network',
            label: t('lifecycle.page.network'),
            children: t('lifecycle.page.network.value', {
              pod: values?.podCidr ?? '',
              service: values?.serviceCidr ?? '',
            }),
          },
          {
            key: 'audit',
            label: t('lifecycle.form.auditLog'),
            children: t(values?.auditLog ? 'lifecycle.page.auditOn' : 'lifecycle.page.auditOff'),
          },
          {
            key: 'nodes',
            label: t('lifecycle.nodes'),
            children: (
              <Space size={4} wrap>
                {t('lifecycle.form.reviewNodes', { nodes, pools: pools.length })}
                <Typography.Text type="secondary">
                  {pools
                    .map((pool) => `${pool?.name} × ${pool?.count} (${pool?.cpu} CPU, ${pool?.memory})`)
                    .join(' · ')}
                </Typography.Text>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
