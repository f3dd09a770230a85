import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { showRefusal } from '../alerting/form-refusal.ts';
import { NameField } from '../alerting/NameField.tsx';
import { clusterApi } from '../cluster/cluster-api.ts';
import { describeCron } from '../create/cron-reading.ts';
import { useNamespaces } from '../resources/ResourceTable.tsx';
import { backupsApi } from './backups-api.ts';
import { FormDrawer } from './FormDrawer.tsx';
import {
  newPlanForm,
  PLAN_FIELDS,
  type PlanForm,
  planField,
  planFormOf,
  planSpecOf,
  SCHEDULE_PRESETS,
  selectorProblem,
} from './plan-form.ts';
import { kindName } from './restore-form.ts';
import type { BackupPlan } from './types.ts';

/** A backup plan, new or edited: what to take from which cluster, when, how long kept, and where. */
export function PlanDrawer(props: { open: boolean; plan?: BackupPlan; onClose(): void }) {
  const { t, locale } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlanForm>();
  const [refusal, setRefusal] = useState<string>();
  const cluster = Form.useWatch('cluster', form) ?? '';
  const all = Form.useWatch('allNamespaces', form);
  const schedule = Form.useWatch('schedule', form);
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, enabled: props.open });
  const destinations = useQuery({
    queryKey: ['backups', 'destinations'],
    queryFn: backupsApi.destinations,
    enabled: props.open,
  });
  const namespaces = useNamespaces(cluster);
  const sync = useQuery({
    queryKey: ['cluster', cluster, 'sync'],
    queryFn: () => clusterApi.sync(cluster),
    enabled: props.open && Boolean(cluster),
    staleTime: 60_000,
  });
  const kinds = [
    ...new Set((sync.data?.resources ?? []).map((entry) => kindName(entry.resource, entry.group))),
  ]
    .sort()
    .map((value) => ({ value, label: value }));
  const reading = schedule?.trim() ? describeCron(schedule, 'UTC', t, locale) : undefined;

  useEffect(() => {
    if (!props.open) return;
    setRefusal(undefined);
    form.resetFields();
    form.setFieldsValue(props.plan ? planFormOf(props.plan) : newPlanForm());
  }, [props.open, props.plan, form]);

  const save = useMutation({
    mutationFn: (values: PlanForm) => backupsApi.savePlan(values.name, planSpecOf(values)),
    onSuccess: (saved) => {
      void message.success(t('backups.plans.saved', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: ['backups'] });
      props.onClose();
    },
    onError: (error) => setRefusal(showRefusal(form, error, PLAN_FIELDS, planField)),
  });
  const positive = { type: 'integer' as const, min: 1, message: t('backups.plans.positive') };

  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      size={640}
      title={props.plan ? t('backups.plans.editTitle', { name: props.plan.name }) : t('backups.plans.new')}
      saveText={t('backups.save')}
      saving={save.isPending}
      onSave={() => form.submit()}
    >
      <Form<PlanForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
        <Flex gap={12}>
          <NameField
            label={t('backups.name')}
            style={{ flex: 1 }}
            required={t('backups.plans.nameRequired')}
            invalid={t('backups.plans.nameInvalid')}
            locked={Boolean(props.plan)}
          />
          <Form.Item
            label={t('backups.cluster')}
            name="cluster"
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('backups.plans.clusterRequired') }]}
          >
            <Select
              showSearch
              loading={clusters.isPending}
              onChange={() => form.setFieldsValue({ namespaces: [] })}
              options={(clusters.data?.items ?? [])
                .filter((entry) => can('backups:write', { inCluster: entry.name }))
                .map((entry) => ({ value: entry.name, label: entry.name }))}
            />
          </Form.Item>
        </Flex>
        <Flex gap={12} align="flex-start">
          <Form.Item
            label={t('backups.namespaces')}
            name="namespaces"
            style={{ flex: 1 }}
            extra={all ? undefined : t('backups.plans.namespacesHelp')}
            rules={
              all
                ? []
                : [{ required: true, type: 'array', min: 1, message: t('backups.plans.namespacesRequired') }]
            }
          >
            <Select
              mode="tags"
              allowClear
              disabled={all}
              placeholder={all ? t('backups.allNamespaces') : undefined}
              options={namespaces.map((value) => ({ value, label: value }))}
            />
          </Form.Item>
          <Form.Item label={t('backups.plans.allNamespaces')} name="allNamespaces" valuePropName="checked">
            <Switch onChange={(on) => on && form.setFieldsValue({ namespaces: [] })} />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('backups.plans.labelSelector')}
          name="labelSelector"
          extra={t('backups.plans.labelSelectorHelp')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (value && selectorProblem(value)) throw new Error(t('backups.plans.labelSelectorInvalid'));
              },
            },
          ]}
        >
          <Input placeholder="app=web" style={{ fontFamily: 'monospace' }} autoComplete="off" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item label={t('backups.plans.includeKinds')} name="includeKinds" style={{ flex: 1 }}>
            <Select mode="tags" allowClear options={kinds} loading={sync.isFetching} />
          </Form.Item>
          <Form.Item label={t('backups.plans.excludeKinds')} name="excludeKinds" style={{ flex: 1 }}>
            <Select mode="tags" allowClear options={kinds} loading={sync.isFetching} />
          </Form.Item>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {t('backups.plans.kindsHelp')}
        </Typography.Paragraph>
        <Form.Item
          label={t('backups.plans.clusterScoped')}
          name="clusterScoped"
          valuePropName="checked"
          extra={t('backups.plans.clusterScopedHelp')}
        >
          <Switch />
        </Form.Item>
        <Form.Item
          label={t('backups.plans.schedule')}
          name="schedule"
          extra={
            reading ? (
              reading.ok ? (
                <span data-schedule-reading>{reading.text}</span>
              ) : (
                <Typography.Text type="danger">{reading.problem}</Typography.Text>
              )
            ) : (
              t('backups.plans.scheduleHelp')
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
          <Input placeholder="0 2 * * *" style={{ fontFamily: 'monospace' }} autoComplete="off" />
        </Form.Item>
        <Space wrap style={{ marginTop: -8, marginBottom: 16 }}>
          <Button size="small" onClick={() => form.setFieldsValue({ schedule: '' })}>
            {t('backups.plans.scheduleNone')}
          </Button>
          {SCHEDULE_PRESETS.map((preset) => (
            <Button
              key={preset.key}
              size="small"
              onClick={() => form.setFieldsValue({ schedule: preset.cron })}
            >
              {t(`backups.plans.preset.${preset.key}`)}
            </Button>
          ))}
        </Space>
        <Flex gap={12} wrap>
          <Form.Item
            label={t('backups.plans.keepCount')}
            name="retentionCount"
            extra={t('backups.plans.retentionHelp')}
            rules={[positive]}
          >
            <InputNumber style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={t('backups.plans.keepDays')} name="retentionDays" rules={[positive]}>
            <InputNumber style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            label={t('backups.plans.deadline')}
            name="deadlineSeconds"
            extra={t('backups.plans.deadlineHelp')}
            rules={[positive]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <InputNumber style={{ width: 140 }} />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('backups.destination')}
          name="destination"
          rules={[{ required: true, message: t('backups.plans.destinationRequired') }]}
          extra={destinations.data?.items.length === 0 ? t('backups.plans.noDestination') : undefined}
        >
          <Select
            loading={destinations.isPending}
            options={(destinations.data?.items ?? []).map((entry) => ({
              value: entry.name,
              label: `${entry.name} (${t(`backups.destinations.type.${entry.type}`)})`,
            }))}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
