import type { Cluster } from '@portolan/api';
import { Card, Checkbox, Empty, Flex, Form, Input, Select, Space } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { StatusTag } from '../clusters/StatusTag.tsx';

/** Helm's rule for release names (the API's `releaseName` pattern). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The server's refusal shown on the field it names (InstallPage's `fieldError`). */
export type FieldError = (name: string) => { validateStatus?: 'error'; help?: string };

/** Where a chart goes: the clusters, the release's name and namespace, and how to treat what is there. */
export function InstallTargets(props: { clusters: Cluster[]; loading: boolean; fieldError: FieldError }) {
  const { t } = useI18n();
  const { fieldError } = props;
  return (
    <Card size="small" title={t('helmActions.clusters')} style={{ marginBottom: 12 }}>
      <Form.Item
        name="clusters"
        label={t('helmActions.clusters')}
        extra={t('helmActions.clustersHelp')}
        rules={[
          {
            required: true,
            type: 'array',
            min: 1,
            message: t('helmActions.required', { field: t('helmActions.clusters') }),
          },
        ]}
        {...fieldError('targets')}
      >
        <Select
          mode="multiple"
          aria-label={t('helmActions.clusters')}
          loading={props.loading}
          notFoundContent={
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('helmActions.noClusters')} />
          }
          options={props.clusters.map((cluster) => ({
            value: cluster.name,
            label: <ClusterOption cluster={cluster} />,
          }))}
        />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name="name"
          label={t('helmActions.name')}
          extra={t('helmActions.nameRule')}
          style={{ minWidth: 280, flex: 1 }}
          rules={[
            { required: true, message: t('helmActions.required', { field: t('helmActions.name') }) },
            { max: 53, pattern: RELEASE_NAME, message: t('helmActions.nameRule') },
          ]}
          {...fieldError('name')}
        >
          <Input aria-label={t('helmActions.name')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="namespace"
          label={t('helmActions.namespace')}
          style={{ minWidth: 220, flex: 1 }}
          rules={[
            {
              required: true,
              message: t('helmActions.required', { field: t('helmActions.namespace') }),
            },
            { max: 63, pattern: NAMESPACE, message: t('helmActions.nameRule') },
          ]}
          {...fieldError('namespace')}
        >
          <Input aria-label={t('helmActions.namespace')} autoComplete="off" />
        </Form.Item>
      </Flex>
      <Form.Item name="createNamespace" valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>{t('helmActions.createNamespace')}</Checkbox>
      </Form.Item>
      <Form.Item name="upgradeExisting" valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>{t('helmActions.upgradeExisting')}</Checkbox>
      </Form.Item>
    </Card>
  );
}

function ClusterOption({ cluster }: { cluster: Cluster }) {
  return (
    <Space size={4}>
      {cluster.displayName || cluster.name}
      {cluster.status !== 'Ready' && <StatusTag status={cluster.status} />}
    </Space>
  );
}
