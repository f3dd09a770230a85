import { Alert, Button, Empty, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';

interface Row {
  key: string;
  value: string;
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
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<{ rows: Row[] }>();
  const entries = Object.entries(value);

  if (!editing)
    return (
      <Flex vertical gap={6} align="flex-start">
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
        {editable && (
          <Button
            aria-label={editLabel}
            onClick={() => {
              form.setFieldsValue({ rows: entries.map(([key, text]) => ({ key, value: text })) });
              setProblem(undefined);
              setEditing(true);
            }}
          >
            {showEditLabel ? editLabel : t('clusterPage.edit')}
          </Button>
        )}
      </Flex>
    );

  const save = async ({ rows }: { rows: Row[] }) => {
    const next: Record<string, string> = {};
    for (const row of rows ?? []) if (row?.key?.trim()) next[row.key.trim()] = (row.value ?? '').trim();
    setBusy(true);
    setProblem(undefined);
    try {
      await onSave(next);
      setEditing(false);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} name={name} onFinish={save} size="small">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} role="alert" />}
      <Form.List name="rows">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />}
            {fields.map((field) => (
              <Flex key={field.key} gap={4} align="flex-start">
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
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('clusterPage.save')}
        </Button>
        <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
