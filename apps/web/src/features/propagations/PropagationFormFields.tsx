import type { Cluster } from '@portolan/api';
import { Card, Checkbox, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { Suspense } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { KubeYamlEditor } from '../editor/index.ts';
import { ClusterSelectorFields } from './ClusterSelectorFields.tsx';
import { OverrideFields } from './OverrideFields.tsx';
import { DNS_LABEL, parseTemplates, type ResourceRow, templateProblem } from './propagation-form.ts';
import { ReplicaFields } from './ReplicaFields.tsx';
import { ResourceRows } from './ResourceRows.tsx';

/** Form.Item's value and onChange, into a YAML editor checked against the source cluster's schemas. */
function TemplatesEditor({
  value,
  onChange,
  cluster,
  label,
}: {
  value?: string;
  onChange?: (value: string) => void;
  cluster: string | undefined;
  label: string;
}) {
  return (
    <Suspense fallback={<Loading />}>
      <KubeYamlEditor
        cluster={cluster}
        value={value ?? ''}
        height={220}
        label={label}
        {...(onChange ? { onChange } : {})}
      />
    </Suspense>
  );
}

/**
 * Every part of a propagation as form sections: its name, what it propagates (objects read from a
 * source cluster, and templates kept in Portolan), where, how replicas are placed, per-cluster
 * overrides and failover.
 */
export function PropagationFormFields({
  clusters,
  editing,
}: {
  clusters: readonly Cluster[];
  editing: boolean;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const failover = Form.useWatch('failover', form) as boolean | undefined;
  const source = Form.useWatch('sourceCluster', form) as string | undefined;
  const schemaCluster = source || clusters[0]?.name;
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('propagations.form.basics')}>
        <Form.Item
          name="name"
          label={t('propagations.form.name')}
          extra={editing ? t('propagations.form.nameFixed') : t('propagations.form.nameRule')}
          style={{ maxWidth: 420, marginBottom: 0 }}
          rules={[
            { required: true, message: t('propagations.form.nameRequired') },
            { max: 63, pattern: DNS_LABEL, message: t('propagations.form.nameRule') },
          ]}
        >
          <Input aria-label={t('propagations.form.name')} disabled={editing} autoComplete="off" />
        </Form.Item>
      </Card>
      <Card size="small" title={t('propagations.form.what')}>
        <Typography.Paragraph type="secondary">{t('propagations.form.whatHelp')}</Typography.Paragraph>
        <ResourceRows clusters={clusters} />
        <Form.Item
          name="templates"
          label={t('propagations.form.templates')}
          extra={t('propagations.form.templatesHelp')}
          style={{ marginTop: 12, marginBottom: 0 }}
          dependencies={['resources']}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const rows = (form.getFieldValue('resources') as ResourceRow[] | undefined) ?? [];
                if (!value?.trim()) {
                  if (!rows.length) throw new Error(t('propagations.form.nothing'));
                  return;
                }
                let objects: Record<string, unknown>[];
                try {
                  objects = parseTemplates(value);
                } catch (error) {
                  throw new Error(
                    t('propagations.form.templatesYaml', {
                      reason: error instanceof Error && error.message !== 'not-object' ? error.message : '',
                    }),
                  );
                }
                for (const [at, object] of objects.entries()) {
                  const problem = templateProblem(object);
                  if (problem) throw new Error(t(`propagations.form.${problem}`, { n: at + 1 }));
                }
              },
            },
          ]}
        >
          <TemplatesEditor cluster={schemaCluster} label={t('propagations.form.templates')} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('propagations.form.where')}>
        <ClusterSelectorFields
          name={['targets']}
          path={['targets']}
          clusters={clusters}
          label={t('propagations.form.targets')}
        />
      </Card>
      <Card size="small" title={t('propagations.form.replicasTitle')}>
        <ReplicaFields clusters={clusters} />
      </Card>
      <Card size="small" title={t('propagations.form.overrides')}>
        <Typography.Paragraph type="secondary">{t('propagations.form.overridesHelp')}</Typography.Paragraph>
        <OverrideFields clusters={clusters} />
      </Card>
      <Card size="small" title={t('propagations.form.failoverTitle')}>
        <Form.Item name="failover" valuePropName="checked" extra={t('propagations.form.failoverHelp')}>
          <Checkbox>{t('propagations.form.failover')}</Checkbox>
        </Form.Item>
        {failover && (
          <Flex gap={16} wrap>
            <Form.Item
              name="graceSeconds"
              label={t('propagations.form.grace')}
              extra={t('propagations.form.graceHelp')}
              rules={[{ type: 'integer', min: 0, max: 86400, message: t('propagations.form.graceRange') }]}
            >
              <InputNumber
                controls={false}
                min={0}
                max={86400}
                precision={0}
                aria-label={t('propagations.form.grace')}
              />
            </Form.Item>
            <Form.Item
              name="minReadyReplicas"
              label={t('propagations.form.minReady')}
              extra={t('propagations.form.minReadyHelp')}
            >
              <InputNumber
                controls={false}
                min={0}
                precision={0}
                aria-label={t('propagations.form.minReady')}
              />
            </Form.Item>
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
