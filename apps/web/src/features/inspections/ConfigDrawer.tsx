import { INSPECTION_LEVELS, INSPECTION_SEVERITIES, type InspectionConfigView } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Collapse,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { DocumentDrawer } from '../alerting/DocumentDrawer.tsx';
import { NameField } from '../alerting/NameField.tsx';
import { useSaveForm } from '../alerting/use-save-form.ts';
import { describeCron } from '../create/cron-reading.ts';
import {
  CONFIG_FIELDS,
  type ConfigForm,
  configField,
  configFormOf,
  configSpecOf,
  itemSettingsOf,
} from './config-form.ts';
import { type InspectionItem, inspectionsApi } from './inspections-api.ts';
import { itemName } from './items.ts';

/** A parameter's input by the type of its default. */
function ParamInput({ value }: { value: unknown }) {
  if (typeof value === 'boolean') return <Switch size="small" />;
  if (typeof value === 'number') return <InputNumber style={{ width: 110 }} />;
  return <Input style={{ width: 140 }} />;
}

/** The catalogue's items of one level, each with on/off, severity and parameters. */
function ItemsTable({ items }: { items: InspectionItem[] }) {
  const { t } = useI18n();
  return (
    <Table<InspectionItem>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      columns={[
        {
          title: t('inspections.config.on'),
          key: 'enabled',
          width: 56,
          render: (_, item) => (
            <Form.Item name={['items', item.id, 'enabled']} valuePropName="checked" noStyle>
              <Switch size="small" aria-label={itemName(item.id, t)} />
            </Form.Item>
          ),
        },
        {
          title: t('inspections.config.item'),
          key: 'name',
          render: (_, item) => (
            <Flex vertical>
              <Typography.Text>{itemName(item.id, t)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.id}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('inspections.severity'),
          key: 'severity',
          width: 120,
          render: (_, item) => (
            <Form.Item name={['items', item.id, 'severity']} noStyle>
              <Select
                style={{ width: 110 }}
                options={INSPECTION_SEVERITIES.map((value) => ({
                  value,
                  label: t(`inspections.severity.${value}`),
                }))}
              />
            </Form.Item>
          ),
        },
        {
          title: t('inspections.config.params'),
          key: 'params',
          render: (_, item) => (
            <Flex gap={8} wrap>
              {Object.entries(item.params).map(([name, value]) => (
                <Space key={name} size={4}>
                  <Typography.Text type="secondary">{name}</Typography.Text>
                  <Form.Item
                    name={['items', item.id, 'params', name]}
                    noStyle
                    valuePropName={typeof value === 'boolean' ? 'checked' : 'value'}
                  >
                    <ParamInput value={value} />
                  </Form.Item>
                </Space>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}

/** New inspection configuration for a cluster, or one edited: items, namespaces, exemptions, schedule. */
export function ConfigDrawer({
  open,
  config,
  onClose,
}: {
  open: boolean;
  config?: InspectionConfigView;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const can = useCan();
  const catalogue = useQuery({
    queryKey: ['inspections', 'items'],
    queryFn: inspectionsApi.items,
    enabled: open,
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, enabled: open });
  const items = catalogue.data?.items ?? [];
  const editor = useSaveForm<ConfigForm, InspectionConfigView>({
    save: (values) => inspectionsApi.saveConfig(values.name, configSpecOf(values, items)),
    savedText: (name) => t('inspections.config.saved', { name }),
    refresh: ['inspections'],
    fields: () => [
      ...CONFIG_FIELDS,
      ...items.flatMap((item) => [
        `items.${item.id}.enabled`,
        `items.${item.id}.severity`,
        ...Object.keys(item.params).map((name) => `items.${item.id}.params.${name}`),
      ]),
    ],
    rename: (field, values) => configField(field, configSpecOf(values, items)),
    onSaved: onClose,
  });
  const { form, reset } = editor;
  const schedule = Form.useWatch('schedule', form);
  const reading = schedule?.trim() ? describeCron(schedule, 'UTC', t, locale) : undefined;

  useEffect(() => {
    if (!open || !catalogue.data) return;
    reset(
      config
        ? configFormOf(config, catalogue.data.items)
        : { items: itemSettingsOf(catalogue.data.items), keepRuns: 30 },
    );
  }, [open, config, reset, catalogue.data]);

  return (
    <DocumentDrawer<ConfigForm>
      open={open}
      onClose={onClose}
      size={820}
      title={config ? t('inspections.config.editTitle', { name: config.name }) : t('inspections.config.new')}
      editor={editor}
      saveText={t('inspections.save')}
      ready={Boolean(catalogue.data)}
      notice={
        catalogue.error && <ErrorNotice error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      }
    >
      <Flex gap={12}>
        <NameField
          label={t('inspections.config.name')}
          style={{ flex: 1 }}
          required={t('inspections.config.nameRequired')}
          invalid={t('inspections.config.nameInvalid')}
          locked={Boolean(config)}
        />
        <Form.Item
          label={t('inspections.cluster')}
          name="cluster"
          style={{ flex: 1 }}
          rules={[{ required: true, message: t('inspections.config.clusterRequired') }]}
        >
          <Select
            showSearch
            aria-label={t('inspections.cluster')}
            loading={clusters.isPending}
            options={(clusters.data?.items ?? [])
              .filter((cluster) => can('inspections:write', { cluster: cluster.name }))
              .map((cluster) => ({ value: cluster.name, label: cluster.name }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item label={t('inspections.config.description')} name="description">
        <Input maxLength={1024} />
      </Form.Item>
      <Form.Item
        label={t('inspections.config.namespaces')}
        name="namespaces"
        extra={t('inspections.config.namespacesHelp')}
      >
        <Select mode="tags" open={false} allowClear aria-label={t('inspections.config.namespaces')} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item
          label={t('inspections.config.schedule')}
          name="schedule"
          style={{ flex: 1 }}
          extra={
            reading ? (
              reading.ok ? (
                <span data-schedule-reading>{reading.text}</span>
              ) : (
                <Typography.Text type="danger">{reading.problem}</Typography.Text>
              )
            ) : (
              t('inspections.config.scheduleHelp')
            )
          }
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (!value?.trim()) return;
                const read = describeCron(value, 'UTC', t, locale);
                if (!read.ok) throw new Error(read.problem);
              },
            },
          ]}
        >
          <Input placeholder="0 2 * * *" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item label={t('inspections.config.keepRuns')} name="keepRuns">
          <InputNumber min={1} max={1000} style={{ width: 120 }} />
        </Form.Item>
      </Flex>
      <Typography.Title level={5}>{t('inspections.config.items')}</Typography.Title>
      <Collapse
        size="small"
        defaultActiveKey={['cluster']}
        items={INSPECTION_LEVELS.map((level) => ({
          key: level,
          label: t('inspections.config.levelItems', {
            level: t(`inspections.level.${level}`),
            count: items.filter((item) => item.level === level).length,
          }),
          forceRender: true,
          children: <ItemsTable items={items.filter((item) => item.level === level)} />,
        }))}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('inspections.config.exemptions')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('inspections.config.exemptionsHelp')}</Typography.Paragraph>
      <Form.List name="exemptions">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            {fields.map((field) => (
              <Space key={field.key} wrap>
                <Form.Item name={[field.name, 'item']} noStyle>
                  <Select
                    style={{ width: 200 }}
                    showSearch
                    placeholder={t('inspections.config.item')}
                    options={[
                      { value: '*', label: t('inspections.config.everyItem') },
                      ...items.map((item) => ({ value: item.id, label: itemName(item.id, t) })),
                    ]}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'namespace']} noStyle>
                  <Input placeholder={t('inspections.namespace')} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'kind']} noStyle>
                  <Input placeholder={t('inspections.kind')} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'name']} noStyle>
                  <Input placeholder={t('inspections.name')} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'reason']} noStyle>
                  <Input placeholder={t('inspections.config.reason')} style={{ width: 160 }} />
                </Form.Item>
                <Button onClick={() => remove(field.name)} aria-label={t('inspections.remove')}>
                  ✕
                </Button>
              </Space>
            ))}
            <Button onClick={() => add({ item: '*' })} style={{ alignSelf: 'flex-start' }}>
              {t('inspections.config.addExemption')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </DocumentDrawer>
  );
}
