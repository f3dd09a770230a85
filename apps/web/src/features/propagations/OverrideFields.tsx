import { type Cluster, propagationOverride } from '@portolan/api';
import { Button, Card, Checkbox, Divider, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { Suspense } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { ClusterSelectorFields } from './ClusterSelectorFields.tsx';
import { SchemaYamlEditor } from './editors.ts';
import { pairsRule } from './form-rules.ts';
import { type EnvRow, emptyOverride, jsonPatchProblem } from './propagation-form.ts';
import { RowList } from './RowList.tsx';

const field = { style: { minWidth: 160, flex: 1 } } as const;

/** A list of JSON patch operations, or nothing yet: an empty editor is not a mistake. */
const PATCH_SCHEMA = { ...propagationOverride.properties.jsonPatch, type: ['array', 'null'] };

/** One override: which clusters and objects, then what it changes there. */
function OverrideCard({
  index,
  clusters,
  onRemove,
}: {
  index: number;
  clusters: readonly Cluster[];
  onRemove(): void;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      type="inner"
      data-override={index}
      title={t('propagations.form.overrideN', { n: index + 1 })}
      extra={
        <Button size="small" type="text" danger onClick={onRemove}>
          {t('propagations.form.remove')}
        </Button>
      }
    >
      <ClusterSelectorFields
        name={[index, 'clusters']}
        path={['overrides', index, 'clusters']}
        clusters={clusters}
        label={t('propagations.form.overrideClusters')}
      />
      <Divider plain style={{ margin: '4px 0 12px' }}>
        {t('propagations.form.overrideObjects')}
      </Divider>
      <Flex gap={12} wrap>
        <Form.Item name={[index, 'kind']} label={t('propagations.form.kind')} {...field}>
          <Input placeholder="Deployment" autoComplete="off" />
        </Form.Item>
        <Form.Item name={[index, 'namespace']} label={t('propagations.form.namespace')} {...field}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name={[index, 'name']} label={t('propagations.form.name')} {...field}>
          <Input autoComplete="off" />
        </Form.Item>
      </Flex>
      <Divider plain style={{ margin: '4px 0 12px' }}>
        {t('propagations.form.overrideChanges')}
      </Divider>
      <Flex gap={12} wrap>
        <Form.Item name={[index, 'image']} label={t('propagations.form.image')} {...field}>
          <Input placeholder="registry.example.com/shop:2.1" autoComplete="off" />
        </Form.Item>
        <Form.Item name={[index, 'registry']} label={t('propagations.form.registry')} {...field}>
          <Input placeholder="mirror.example.cn" autoComplete="off" />
        </Form.Item>
        <Form.Item name={[index, 'tag']} label={t('propagations.form.tag')} {...field}>
          <Input placeholder="2.1" autoComplete="off" />
        </Form.Item>
        <Form.Item name={[index, 'container']} label={t('propagations.form.container')} {...field}>
          <Input placeholder={t('propagations.form.everyContainer')} autoComplete="off" />
        </Form.Item>
        <Form.Item name={[index, 'replicas']} label={t('propagations.form.replicas')} style={{ width: 120 }}>
          <InputNumber controls={false} min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item label={t('propagations.form.env')}>
        <RowList
          name={[index, 'env']}
          addLabel={t('propagations.form.addEnv')}
          empty={{ container: '', name: '', value: '', remove: false } satisfies EnvRow}
        >
          {(row) => (
            <>
              <Form.Item
                name={[row, 'name']}
                style={{ marginBottom: 0 }}
                rules={[{ required: true, message: t('propagations.form.envNameRequired') }]}
              >
                <Input placeholder={t('propagations.form.envName')} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name={[row, 'value']} noStyle>
                <Input placeholder={t('propagations.form.envValue')} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name={[row, 'container']} noStyle>
                <Input placeholder={t('propagations.form.everyContainer')} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name={[row, 'remove']} valuePropName="checked" noStyle>
                <Checkbox>{t('propagations.form.envRemove')}</Checkbox>
              </Form.Item>
            </>
          )}
        </RowList>
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name={[index, 'labels']}
          label={t('propagations.form.labels')}
          extra={t('propagations.form.pairsHelp')}
          rules={[pairsRule(t)]}
          {...field}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item
          name={[index, 'annotations']}
          label={t('propagations.form.annotations')}
          extra={t('propagations.form.pairsHelp')}
          rules={[pairsRule(t)]}
          {...field}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Flex>
      <Form.Item
        name={[index, 'jsonPatch']}
        label={t('propagations.form.jsonPatch')}
        extra={t('propagations.form.jsonPatchHelp')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              const problem = jsonPatchProblem(value ?? '');
              if (problem) throw new Error(t(`propagations.form.${problem}`));
            },
          },
        ]}
      >
        <PatchEditor label={t('propagations.form.jsonPatch')} />
      </Form.Item>
    </Card>
  );
}

/** Form.Item's value and onChange, into the small YAML editor. */
function PatchEditor({
  value,
  onChange,
  label,
}: {
  value?: string;
  onChange?: (value: string) => void;
  label: string;
}) {
  return (
    <Suspense fallback={<Loading />}>
      <SchemaYamlEditor
        schema={PATCH_SCHEMA}
        value={value ?? ''}
        height={120}
        label={label}
        {...(onChange ? { onChange } : {})}
      />
    </Suspense>
  );
}

/** Per-cluster changes, applied in order over the rendered objects. */
export function OverrideFields({ clusters }: { clusters: readonly Cluster[] }) {
  const { t } = useI18n();
  return (
    <Form.List name="overrides">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.length === 0 && (
            <Typography.Text type="secondary">{t('propagations.form.noOverrides')}</Typography.Text>
          )}
          {fields.map((entry) => (
            <OverrideCard
              key={entry.key}
              index={entry.name}
              clusters={clusters}
              onRemove={() => remove(entry.name)}
            />
          ))}
          <Button type="dashed" onClick={() => add(emptyOverride())}>
            {t('propagations.form.addOverride')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
