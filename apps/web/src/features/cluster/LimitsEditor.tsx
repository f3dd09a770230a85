import { Alert, Button, Card, Col, Flex, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import type { LimitItem } from './cluster-api.ts';
import { formatAmounts, LIMIT_FIELDS, type LimitRow, limitItems, limitRows } from './limits-model.ts';

const TYPES = ['Container', 'Pod', 'PersistentVolumeClaim'] as const;

/** A namespace's limit range: a row per type with defaults, minimums and maximums, edited as text. */
export function LimitsEditor({
  limits,
  editable,
  onSave,
}: {
  limits: LimitItem[];
  editable: boolean;
  onSave: (limits: LimitItem[]) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<{ rows: LimitRow[] }>();
  const label = (field: (typeof LIMIT_FIELDS)[number]) => t(`clusterPage.limits.${field}`);

  if (!editing)
    return (
      <Flex vertical gap={6} align="flex-start">
        {limits.length === 0 ? (
          <Typography.Text type="secondary">{t('clusterPage.namespaces.noLimits')}</Typography.Text>
        ) : (
          <Table
            style={{ width: '100%' }}
            size="small"
            rowKey="type"
            dataSource={limits}
            pagination={false}
            columns={[
              { title: t('clusterPage.limits.type'), dataIndex: 'type', key: 'type' },
              ...LIMIT_FIELDS.map((field) => ({
                title: label(field),
                key: field,
                render: (_: unknown, limit: LimitItem) => formatAmounts(limit[field]) || '–',
              })),
            ]}
          />
        )}
        {editable && (
          <Button
            onClick={() => {
              form.setFieldsValue({ rows: limitRows(limits) });
              setProblem(undefined);
              setEditing(true);
            }}
          >
            {t(limits.length ? 'clusterPage.limits.edit' : 'clusterPage.limits.set')}
          </Button>
        )}
      </Flex>
    );

  const save = async ({ rows }: { rows: LimitRow[] }) => {
    const { items, bad } = limitItems(rows ?? []);
    if (bad) {
      form.setFields([{ name: ['rows', bad[0], bad[1]], errors: [t('clusterPage.limits.amountsInvalid')] }]);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await onSave(items);
      setEditing(false);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} name="limits" onFinish={save} size="small" layout="vertical" style={{ width: '100%' }}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} role="alert" />}
      <Form.List name="rows">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              // One card per kind of object limited: the four amounts two by two, wide enough to read.
              <Card
                key={field.key}
                size="small"
                title={
                  <Form.Item
                    name={[field.name, 'type']}
                    label={t('clusterPage.limits.type')}
                    layout="horizontal"
                    style={{ marginBottom: 0 }}
                  >
                    <Select
                      style={{ width: 220 }}
                      options={TYPES.map((type) => ({ value: type, label: type }))}
                    />
                  </Form.Item>
                }
                extra={
                  <Button aria-label={t('clusterPage.removeRow')} onClick={() => remove(field.name)}>
                    ×
                  </Button>
                }
              >
                <Row gutter={12}>
                  {LIMIT_FIELDS.map((limitField) => (
                    <Col span={12} key={limitField}>
                      <Form.Item
                        name={[field.name, limitField]}
                        label={label(limitField)}
                        style={{ marginBottom: 8 }}
                      >
                        <Input placeholder={t('clusterPage.limits.placeholder')} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </Card>
            ))}
            <Button type="dashed" onClick={() => add({ type: 'Container' })}>
              {t('clusterPage.limits.add')}
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
