import { Button, Flex, Form, Select, Space, Tag, Typography } from 'antd';
import { EditInPlaceForm, EditInPlaceView, useEditInPlace } from '../../app/EditInPlace.tsx';
import { useI18n } from '../../app/i18n.tsx';
import type { TaintChanges } from './cluster-api.ts';
import { KeyValueInputs } from './KeyValueEditor.tsx';
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
  const edit = useEditInPlace();
  const [form] = Form.useForm<{ rows: Taint[] }>();

  if (!edit.editing)
    return (
      <EditInPlaceView
        editable={editable}
        editLabel={t('clusterPage.nodes.editTaints')}
        editText={t('clusterPage.edit')}
        onEdit={() => {
          form.setFieldsValue({ rows: taints.map(({ key, value, effect }) => ({ key, value, effect })) });
          edit.start();
        }}
      >
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
      </EditInPlaceView>
    );

  const save = ({ rows }: { rows: Taint[] }) => {
    const next = (rows ?? [])
      .filter((row) => row?.key?.trim())
      .map((row) => ({
        key: row.key.trim(),
        effect: row.effect,
        ...(row.value?.trim() ? { value: row.value.trim() } : {}),
      }));
    const changes = taintChanges(taints, next);
    return edit.save(async () => {
      if (changes.add.length || changes.remove.length)
        await onSave({
          ...(changes.add.length ? { add: changes.add } : {}),
          ...(changes.remove.length ? { remove: changes.remove } : {}),
        });
    });
  };

  return (
    <EditInPlaceForm edit={edit} form={form} name="taints" saveText={t('clusterPage.save')} onFinish={save}>
      <Form.List name="rows">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            {fields.map((field) => (
              <Flex key={field.key} gap={4} align="flex-start">
                <KeyValueInputs field={field} />
                <Form.Item
                  name={[field.name, 'effect']}
                  style={{ flex: 1, marginBottom: 0 }}
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
    </EditInPlaceForm>
  );
}
