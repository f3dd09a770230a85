import type { PolicyView } from '@portolan/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/portolan.ts';
import { useI18n } from '../../app/i18n.tsx';
import { notificationsApi } from './alerting-api.ts';
import { showRefusal } from './form-refusal.ts';
import { NameField } from './NameField.tsx';
import { POLICY_FIELDS, type PolicyForm, policyField, policyFormOf, policySpecOf } from './policy-form.ts';
import { ALERT_LEVELS } from './tags.tsx';

const DURATION_PATTERN = /^([0-9]+(ms|s|m|h|d))+$/;

/** New notification policy or an existing one edited: which alerts, to whom, grouped how, how often. */
export function PolicyDrawer({
  open,
  policy,
  onClose,
}: {
  open: boolean;
  policy?: PolicyView;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PolicyForm>();
  const [refusal, setRefusal] = useState<string>();
  const receivers = useQuery({
    queryKey: ['notifications', 'receivers'],
    queryFn: notificationsApi.receivers,
    enabled: open,
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, enabled: open });

  useEffect(() => {
    if (!open) return;
    setRefusal(undefined);
    form.resetFields();
    if (policy) form.setFieldsValue(policyFormOf(policy));
  }, [open, policy, form]);

  const save = useMutation({
    mutationFn: (values: PolicyForm) => notificationsApi.savePolicy(values.name, policySpecOf(values)),
    onSuccess: (saved) => {
      void message.success(t('alerting.policies.saved', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      onClose();
    },
    onError: (error) => setRefusal(showRefusal(form, error, POLICY_FIELDS, policyField)),
  });
  const duration = [{ pattern: DURATION_PATTERN, message: t('alerting.rules.durationInvalid') }];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={policy ? t('alerting.policies.editTitle', { name: policy.name }) : t('alerting.policies.new')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('alerting.save')}
          </Button>
        </Space>
      }
    >
      <Form<PolicyForm>
        form={form}
        layout="vertical"
        initialValues={{ order: 100, sendResolved: true, continue: false, enabled: true, receivers: [] }}
        onFinish={(values) => save.mutate(values)}
      >
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
        <Flex gap={12}>
          <NameField
            label={t('alerting.policies.name')}
            style={{ flex: 1 }}
            required={t('alerting.rules.nameRequired')}
            invalid={t('alerting.rules.nameInvalid')}
            locked={Boolean(policy)}
          />
          <Form.Item
            label={t('alerting.policies.order')}
            name="order"
            extra={t('alerting.policies.orderHelp')}
          >
            <InputNumber min={0} max={10000} style={{ width: 120 }} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('alerting.description')} name="description">
          <Input maxLength={1024} />
        </Form.Item>
        <Form.Item
          label={t('alerting.policies.receivers')}
          name="receivers"
          rules={[{ required: true, message: t('alerting.policies.receiversRequired') }]}
        >
          <Select
            mode="multiple"
            aria-label={t('alerting.policies.receivers')}
            loading={receivers.isPending}
            options={(receivers.data?.items ?? []).map((receiver) => ({
              value: receiver.name,
              label: receiver.name,
            }))}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            label={t('alerting.policies.levels')}
            name="levels"
            style={{ flex: 1 }}
            extra={t('alerting.policies.anyHelp')}
          >
            <Select
              mode="multiple"
              allowClear
              options={ALERT_LEVELS.map((level) => ({ value: level, label: t(`alerting.level.${level}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('alerting.rules.clusters')}
            name="clusters"
            style={{ flex: 1 }}
            extra={t('alerting.policies.anyHelp')}
          >
            <Select
              mode="multiple"
              allowClear
              options={(clusters.data?.items ?? []).map((cluster) => ({
                value: cluster.name,
                label: cluster.name,
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('alerting.rules.namespaces')}
          name="namespaces"
          extra={t('alerting.policies.anyHelp')}
        >
          <Select mode="tags" open={false} allowClear />
        </Form.Item>
        <Form.Item label={t('alerting.policies.labels')} extra={t('alerting.policies.labelsHelp')}>
          <Form.List name="labels">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((field) => (
                  <Space key={field.key}>
                    <Form.Item name={[field.name, 'name']} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('alerting.silences.label')} style={{ width: 180 }} />
                    </Form.Item>
                    <span>=</span>
                    <Form.Item name={[field.name, 'value']} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('alerting.silences.value')} style={{ width: 240 }} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)} aria-label={t('alerting.remove')}>
                      ✕
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ name: '', value: '' })} style={{ alignSelf: 'flex-start' }}>
                  {t('alerting.silences.addMatcher')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          label={t('alerting.policies.groupBy')}
          name="groupBy"
          extra={t('alerting.policies.groupByHelp')}
        >
          <Select mode="tags" open={false} allowClear placeholder="alertname, cluster" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            label={t('alerting.policies.groupWait')}
            name="groupWait"
            rules={duration}
            extra={t('alerting.policies.groupWaitHelp')}
          >
            <Input placeholder="30s" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item
            label={t('alerting.policies.groupInterval')}
            name="groupInterval"
            rules={duration}
            extra={t('alerting.policies.groupIntervalHelp')}
          >
            <Input placeholder="5m" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item
            label={t('alerting.policies.repeatInterval')}
            name="repeatInterval"
            rules={duration}
            extra={t('alerting.policies.repeatIntervalHelp')}
          >
            <Input placeholder="4h" style={{ width: 150 }} />
          </Form.Item>
        </Flex>
        <Flex gap={24} wrap>
          <Form.Item name="sendResolved" valuePropName="checked">
            <Checkbox>{t('alerting.policies.sendResolved')}</Checkbox>
          </Form.Item>
          <Form.Item name="continue" valuePropName="checked" extra={t('alerting.policies.continueHelp')}>
            <Checkbox>{t('alerting.policies.continue')}</Checkbox>
          </Form.Item>
          <Form.Item label={t('alerting.rules.enabled')} name="enabled" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
