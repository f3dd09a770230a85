import { AutoComplete, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { PairsField } from './PodFields.tsx';
import { SCALABLE, type WorkloadFormValues } from './workload-form.ts';
import { WORKLOAD_KINDS } from './workload-spec.ts';

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kind, name, namespace (suggesting the cluster's), replicas where the kind scales, and labels. */
export function WorkloadBasics(props: { kind: WorkloadFormValues['kind']; namespaces: string[] }) {
  const { t } = useI18n();
  const { kind } = props;
  return (
    <Card size="small" title={t('create.section.workload')}>
      <Space wrap align="start">
        <Form.Item label={t('create.kind')} name="kind">
          <Select style={{ width: 150 }} options={WORKLOAD_KINDS.map((value) => ({ value, label: value }))} />
        </Form.Item>
        <Form.Item
          label={t('create.name')}
          name="name"
          rules={[
            { required: true, message: t('create.nameRequired') },
            {
              pattern: DNS_NAME,
              max: kind === 'CronJob' ? 52 : 63,
              message: t('create.nameInvalid'),
            },
          ]}
        >
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          label={t('create.namespace')}
          name="namespace"
          rules={[
            { required: true, message: t('create.required') },
            { pattern: DNS_LABEL, message: t('create.dnsLabel') },
          ]}
        >
          <AutoComplete
            style={{ width: 200 }}
            options={props.namespaces.map((value) => ({ value }))}
            filterOption={(input, option) => String(option?.value ?? '').includes(input)}
          />
        </Form.Item>
        {SCALABLE.includes(kind) && (
          <Form.Item
            label={t('create.replicas')}
            name="replicas"
            rules={[{ type: 'integer', min: 0, message: t('create.replicasInvalid') }]}
          >
            <InputNumber style={{ width: 100 }} />
          </Form.Item>
        )}
      </Space>
      <PairsField name="labels" label={t('create.labels')} addLabel={t('create.addLabel')} />
    </Card>
  );
}
