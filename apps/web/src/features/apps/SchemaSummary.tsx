import { Empty, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

interface SchemaRow {
  path: string;
  type: string;
  defaultValue: string;
  description: string;
  required: boolean;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
  description?: string;
  enum?: unknown[];
  items?: Schema;
};

/** The fields a values schema describes, two levels deep: enough to see what a chart asks for. */
export function schemaRows(schema: Schema, prefix = '', depth = 0): SchemaRow[] {
  const rows: SchemaRow[] = [];
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const type = [field.type ?? (field.properties ? 'object' : '')].flat().join(' | ');
    rows.push({
      path,
      type: field.enum
        ? `${type} (${field.enum.map(String).join(', ')})`
        : field.items?.type
          ? `${type} of ${field.items.type}`
          : type,
      defaultValue: field.default === undefined ? '' : JSON.stringify(field.default),
      description: field.description ?? '',
      required: schema.required?.includes(name) ?? false,
    });
    if (field.properties && depth < 1) rows.push(...schemaRows(field, path, depth + 1));
  }
  return rows;
}

export function SchemaSummary({ schema }: { schema: Record<string, unknown> | null }) {
  const { t } = useI18n();
  if (!schema) return <Empty description={t('apps.chart.noSchema')} />;
  return (
    <Table<SchemaRow>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={schemaRows(schema as Schema)}
      columns={[
        {
          title: t('apps.chart.schemaField'),
          dataIndex: 'path',
          render: (path: string, row) => (
            <>
              <Typography.Text code>{path}</Typography.Text>
              {row.required && <Tag color="red">{t('apps.chart.schemaRequired')}</Tag>}
            </>
          ),
        },
        { title: t('apps.chart.schemaType'), dataIndex: 'type' },
        {
          title: t('apps.chart.schemaDefault'),
          dataIndex: 'defaultValue',
          render: (value: string) => (value ? <Typography.Text code>{value}</Typography.Text> : null),
        },
        { title: t('apps.chart.schemaDescription'), dataIndex: 'description' },
      ]}
    />
  );
}
