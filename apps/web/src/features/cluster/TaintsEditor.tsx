import { Alert, Button, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import type { TaintChanges } from './cluster-api.ts';
import { type Taint, taintChanges } from './node-model.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** A node's taints as `key=value:Effect` tags; edited as rows, saved as the adds and removes between. */
export function TaintsEditor({
  taints,
  editable,
  onSave,
}: {
  taints: Taint[];
  editable: boolean;
  onSave: (changes: TaintChanges) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<{ rows: Taint[] }>();

  if (!editing)
    return (
      <Flex vertical gap={6} align="flex-start">
        {taints.length === 0 ? (
          <Typography.Text type="secondary">{t('clusterPage.nodes.noTaints')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {taints.map((taint) => (
              <Tag key={`${taint.key}:${taint.effect}`} color="orange" style={{ marginInlineEnd: 0 }}>
                {taint.key}
                {taint.value ? `=${taint.value}` : ''}:{taint.effect}
              </Tag>
            ))}
          </Space>
        )}
        {editable && (
          <Button
            aria-label={t('clusterPage.nodes.editTaints')}
            onClick={() => {
              form.setFieldsValue({ rows: taints.map(({ key, value, effect }) => ({ key, value, effect })) });
              setProblem(undefined);
              setEditing(true);
            }}
          >
            {t('clusterPage.edit')}
          </Button>
        )}
      </Flex>
    );

  const save = async ({ rows }: { rows: Taint[] }) => {
    const next = (rows ?? [])
      .filter((row) => row?.key?.trim())
      .map((row) => ({
        key: row.key.trim(),
        effect: row.effect,
        ...(row.value?.trim() ? { value: row.value.trim() } : {}),
      }));
    const changes = taintChanges(taints, next);
    setBusy(true);
    setProblem(undefined);
    try {
      if (changes.add.length || changes.remove.length)
        await onSave({
          ...(changes.add.length ? { add: changes.add } : {}),
          ...(changes.remove.length ? { remove: changes.remove } : {}),
        });
      setEditing(false);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} name="taints" onFinish={save} size="small">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} role="alert" />}
      <Form.List name="rows">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            {fields.map((field) => (
              <Flex key={field.key} gap={4} align="flex-start">
                <Form.Item
                  name={[field.name, 'key']}
                  style={{ flex: 2, marginBottom: 0 }}
                  rules={[{ required: true, whitespace: true, message: t('clusterPage.keyRequired') }]}
                >
                  <Input placeholder={t('clusterPage.key')} aria-label={t('clusterPage.key')} />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} style={{ flex: 2, marginBottom: 0 }}>
                  <Input placeholder={t('clusterPage.value')} aria-label={t('clusterPage.value')} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'effect']}
                  style={{ flex: 2, marginBottom: 0 }}
                  rules={[{ required: true, message: t('clusterPage.nodes.effectRequired') }]}
                >
                  <Select
                    aria-label={t('clusterPage.nodes.effect')}
                    placeholder={t('clusterPage.nodes.effect')}
                    options={EFFECTS.map((effect) => ({ value: effect, label: effect }))}
                  />
                </Form.Item>
                <Button aria-label={t('clusterPage.removeRow')} onClick={() => remove(field.name)}>
                  ×
                </Button>
              </Flex>
            ))}
            <Button type="dashed" onClick={() => add({ key: '', value: '', effect: 'NoSchedule' })}>
              {t('clusterPage.nodes.addTaint')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('clusterPage.save')}
        </Button>
        <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
