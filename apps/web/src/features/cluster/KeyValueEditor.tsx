import { Button, Empty, Flex, Form, type FormListFieldData, Input, Space, Tag, Typography } from 'antd';
import { EditInPlaceForm, EditInPlaceView, useEditInPlace } from '../../app/EditInPlace.tsx';
import { useI18n } from '../../app/i18n.tsx';

interface Row {
  key: string;
  value: string;
}

/** A row's key (required) and value inputs, in a form list's row. */
export function KeyValueInputs({ field }: { field: FormListFieldData }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name={[field.name, 'key']}
        style={{ flex: 1, marginBottom: 0 }}
        rules={[{ required: true, whitespace: true, message: t('clusterPage.keyRequired') }]}
      >
        <Input placeholder={t('clusterPage.key')} aria-label={t('clusterPage.key')} />
      </Form.Item>
      <Form.Item name={[field.name, 'value']} style={{ flex: 1, marginBottom: 0 }}>
        <Input placeholder={t('clusterPage.value')} aria-label={t('clusterPage.value')} />
      </Form.Item>
    </>
  );
}

/**
 * A map of labels or annotations: shown as tags, edited as key and value rows where the caller may.
 * `onSave` gets the whole new map; a refusal stays on screen in the server's words.
 */
export function KeyValueEditor({
  value,
  editable,
  onSave,
  emptyText,
  name,
  showValues = true,
  editLabel,
  showEditLabel = false,
}: {
  value: Record<string, string>;
  editable: boolean;
  onSave: (next: Record<string, string>) => Promise<unknown>;
  emptyText: string;
  /** Names the form for tests and screen readers ("labels", "annotations"). */
  name: string;
  /** False when the values are shown elsewhere (a quota's table): only the Edit button then. */
  showValues?: boolean;
  /** What the Edit button does, in words ("Edit labels"): its accessible name, shown when `showEditLabel`. */
  editLabel: string;
  showEditLabel?: boolean;
}) {
  const { t } = useI18n();
  const edit = useEditInPlace();
  const [form] = Form.useForm<{ rows: Row[] }>();
  const entries = Object.entries(value);

  if (!edit.editing)
    return (
      <EditInPlaceView
        editable={editable}
        editLabel={editLabel}
        editText={showEditLabel ? editLabel : t('clusterPage.edit')}
        onEdit={() => {
          form.setFieldsValue({ rows: entries.map(([key, text]) => ({ key, value: text })) });
          edit.start();
        }}
      >
        {!showValues ? null : entries.length === 0 ? (
          <Typography.Text type="secondary">{emptyText}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {entries.map(([key, text]) => (
              <Tag key={key} style={{ marginInlineEnd: 0, whiteSpace: 'normal', wordBreak: 'break-all' }}>
                {text === '' ? key : `${key}=${text}`}
              </Tag>
            ))}
          </Space>
        )}
      </EditInPlaceView>
    );

  const save = ({ rows }: { rows: Row[] }) => {
    const next: Record<string, string> = {};
    for (const row of rows ?? []) if (row?.key?.trim()) next[row.key.trim()] = (row.value ?? '').trim();
    return edit.save(() => onSave(next));
  };

  return (
    <EditInPlaceForm edit={edit} form={form} name={name} saveText={t('clusterPage.save')} onFinish={save}>
      <Form.List name="rows">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />}
            {fields.map((field) => (
              <Flex key={field.key} gap={4} align="flex-start">
                <KeyValueInputs field={field} />
                <Button aria-label={t('clusterPage.removeRow')} onClick={() => remove(field.name)}>
                  ×
                </Button>
              </Flex>
            ))}
            <Button type="dashed" onClick={() => add({ key: '', value: '' })}>
              {t('clusterPage.addRow')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </EditInPlaceForm>
  );
}
