import { Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../app/i18n.tsx';
import { labelsProblem, POOL_NAME, POOL_NAME_MAX, QUANTITY } from './cluster-form.ts';
import { TAINT_EFFECTS } from './lifecycle-api.ts';

type Path = (string | number)[];

/**
 * One node pool's fields: name, count, size of each node, max pods, zone, labels as `key=value`
 * tags and taints as rows. `prefix` is where the pool sits in the form (a Form.List row, or the
 * drawer's own form); `otherNames` are the names the pool may not take.
 */
export function PoolFields({
  prefix,
  nameLocked,
  otherNames,
}: {
  prefix: Path;
  nameLocked: boolean;
  otherNames: () => string[];
}) {
  const { t } = useI18n();
  const quantity: Rule[] = [
    { required: true, message: t('lifecycle.form.pool.quantity') },
    { pattern: QUANTITY, message: t('lifecycle.form.pool.quantity') },
  ];
  return (
    <Flex vertical gap={0}>
      <Flex gap={8} wrap align="flex-start">
        <Form.Item
          label={t('lifecycle.form.pool.name')}
          name={[...prefix, 'name']}
          style={{ width: 160 }}
          rules={[
            {
              required: true,
              pattern: POOL_NAME,
              max: POOL_NAME_MAX,
              message: t('lifecycle.form.pool.nameInvalid'),
            },
            {
              validator: async (_, value: string | undefined) => {
                if (value && otherNames().includes(value.trim()))
                  throw new Error(t('lifecycle.form.pool.nameTaken'));
              },
            },
          ]}
        >
          <Input disabled={nameLocked} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('lifecycle.form.pool.count')}
          name={[...prefix, 'count']}
          rules={[{ required: true, type: 'integer', min: 0, max: 100 }]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item label={t('lifecycle.form.pool.cpu')} name={[...prefix, 'cpu']} rules={quantity}>
          <Input style={{ width: 80 }} />
        </Form.Item>
        <Form.Item label={t('lifecycle.form.pool.memory')} name={[...prefix, 'memory']} rules={quantity}>
          <Input style={{ width: 90 }} />
        </Form.Item>
        <Form.Item
          label={t('lifecycle.form.pool.maxPods')}
          name={[...prefix, 'maxPods']}
          rules={[{ required: true, type: 'integer', min: 1, max: 1000 }]}
        >
          <InputNumber min={1} max={1000} precision={0} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item
          label={t('lifecycle.form.pool.zone')}
          name={[...prefix, 'zone']}
          tooltip={t('lifecycle.form.pool.zoneHelp')}
        >
          <Input style={{ width: 130 }} autoComplete="off" />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t('lifecycle.form.pool.labels')}
        name={[...prefix, 'labels']}
        tooltip={t('lifecycle.form.pool.labelsHelp')}
        rules={[
          {
            validator: async (_, value: string[] | undefined) => {
              const bad = labelsProblem(value);
              if (bad !== undefined) throw new Error(t('lifecycle.form.pool.labelInvalid', { label: bad }));
            },
          },
        ]}
      >
        <Select mode="tags" open={false} tokenSeparators={[',', ' ']} placeholder="tier=web" />
      </Form.Item>
      <Typography.Text type="secondary">{t('lifecycle.form.pool.taints')}</Typography.Text>
      <Form.List name={[...prefix, 'taints']}>
        {(rows, { add, remove }) => (
          <Flex vertical gap={4} style={{ marginTop: 4 }}>
            {rows.map((row) => (
              <Flex key={row.key} gap={6} align="flex-start" data-taint-row>
                <Form.Item
                  name={[row.name, 'key']}
                  rules={[{ required: true, message: t('lifecycle.form.pool.taintKeyRequired') }]}
                  style={{ marginBottom: 4 }}
                >
                  <Input placeholder={t('lifecycle.form.pool.taintKey')} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'value']} style={{ marginBottom: 4 }}>
                  <Input placeholder={t('lifecycle.form.pool.taintValue')} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'effect']} initialValue="NoSchedule" style={{ marginBottom: 4 }}>
                  <Select
                    aria-label={t('lifecycle.form.pool.taintEffect')}
                    style={{ width: 160 }}
                    options={TAINT_EFFECTS.map((effect) => ({ value: effect, label: effect }))}
                  />
                </Form.Item>
                <Button aria-label={t('lifecycle.form.pool.removeTaint')} onClick={() => remove(row.name)}>
                  ×
                </Button>
              </Flex>
            ))}
            <div>
              <Button size="small" onClick={() => add({ effect: 'NoSchedule' })}>
                + {t('lifecycle.form.pool.addTaint')}
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
    </Flex>
  );
}
