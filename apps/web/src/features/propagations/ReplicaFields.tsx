import type { Cluster } from '@portolan/api';
import { AutoComplete, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { clearable, selectorRule } from './form-rules.ts';
import type { LimitRow, ReplicaMode, WeightRow } from './propagation-form.ts';
import { RowList } from './RowList.tsx';

const MODES: ReplicaMode[] = ['', 'Duplicated', 'Weighted', 'Capacity'];

/** How a workload's replicas are placed: the mode, weights, per-cluster limits and a spread label. */
export function ReplicaFields({ clusters }: { clusters: readonly Cluster[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const mode = (Form.useWatch('replicaMode', form) as ReplicaMode | undefined) ?? '';
  const names = clusters.map((cluster) => ({ value: cluster.name, label: cluster.name }));
  const labelKeys = [...new Set(clusters.flatMap((cluster) => Object.keys(cluster.labels ?? {})))]
    .sort()
    .map((value) => ({ value }));
  return (
    <Flex vertical gap={4}>
      <Form.Item name="replicaMode" label={t('propagations.form.replicaMode')} style={{ marginBottom: 4 }}>
        <Radio.Group
          aria-label={t('propagations.form.replicaMode')}
          optionType="button"
          options={MODES.map((value) => ({
            value,
            label: t(`propagations.mode.${value || 'none'}`),
          }))}
        />
      </Form.Item>
      <Typography.Text type="secondary" style={{ marginBottom: 8 }}>
        {t(`propagations.modeHelp.${mode || 'none'}`)}
      </Typography.Text>
      {mode === 'Weighted' && (
        <Form.Item label={t('propagations.form.weights')}>
          <RowList
            name="weights"
            addLabel={t('propagations.form.addWeight')}
            empty={{ cluster: '', labelSelector: '', weight: 1 } satisfies WeightRow}
          >
            {(index) => (
              <>
                <Form.Item name={[index, 'cluster']} noStyle>
                  <Select
                    allowClear={clearable(t)}
                    style={{ width: 200 }}
                    placeholder={t('propagations.form.cluster')}
                    aria-label={t('propagations.form.cluster')}
                    options={names}
                  />
                </Form.Item>
                <Form.Item
                  name={[index, 'labelSelector']}
                  style={{ marginBottom: 0 }}
                  rules={[selectorRule(t)]}
                >
                  <Input
                    style={{ width: 200 }}
                    placeholder={t('propagations.form.orLabelSelector')}
                    aria-label={t('propagations.form.labelSelector')}
                  />
                </Form.Item>
                <Form.Item
                  name={[index, 'weight']}
                  style={{ marginBottom: 0 }}
                  rules={[{ required: true, message: t('propagations.form.weightRequired') }]}
                >
                  <InputNumber
                    controls={false}
                    min={0}
                    max={10000}
                    precision={0}
                    aria-label={t('propagations.form.weight')}
                    placeholder={t('propagations.form.weight')}
                  />
                </Form.Item>
              </>
            )}
          </RowList>
        </Form.Item>
      )}
      {mode && (
        <>
          <Form.Item label={t('propagations.form.limits')} extra={t('propagations.form.limitsHelp')}>
            <RowList
              name="limits"
              addLabel={t('propagations.form.addLimit')}
              empty={{ cluster: '', min: null, max: null } satisfies LimitRow}
            >
              {(index) => (
                <>
                  <Form.Item
                    name={[index, 'cluster']}
                    style={{ marginBottom: 0 }}
                    rules={[{ required: true, message: t('propagations.form.clusterRequired') }]}
                  >
                    <Select
                      style={{ width: 200 }}
                      placeholder={t('propagations.form.cluster')}
                      aria-label={t('propagations.form.cluster')}
                      options={names}
                    />
                  </Form.Item>
                  <Form.Item name={[index, 'min']} noStyle>
                    <InputNumber
                      controls={false}
                      min={0}
                      precision={0}
                      placeholder={t('propagations.form.min')}
                    />
                  </Form.Item>
                  <Form.Item name={[index, 'max']} noStyle>
                    <InputNumber
                      controls={false}
                      min={0}
                      precision={0}
                      placeholder={t('propagations.form.max')}
                    />
                  </Form.Item>
                </>
              )}
            </RowList>
          </Form.Item>
          <Form.Item
            name="spreadBy"
            label={t('propagations.form.spreadBy')}
            extra={t('propagations.form.spreadByHelp')}
            style={{ maxWidth: 420 }}
          >
            <AutoComplete
              aria-label={t('propagations.form.spreadBy')}
              options={labelKeys}
              placeholder="topology.kubernetes.io/zone"
            />
          </Form.Item>
        </>
      )}
    </Flex>
  );
}
