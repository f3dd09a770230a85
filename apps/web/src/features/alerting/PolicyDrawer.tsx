import type { PolicyView } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/portolan.ts';
import { useI18n } from '../../app/i18n.tsx';
import { notificationsApi } from './alerting-api.ts';
import { DocumentDrawer } from './DocumentDrawer.tsx';
import { NameField } from './NameField.tsx';
import { POLICY_FIELDS, type PolicyForm, policyField, policyFormOf, policySpecOf } from './policy-form.ts';
import { ALERT_LEVELS } from './tags.tsx';
import { useSaveForm } from './use-save-form.ts';

const DURATION_PATTERN = /^([0-9]+(ms|s|m|h|d))+$/;
/** The policy's timings, each with its usual value as the placeholder. */
const DURATIONS = [
  ['groupWait', '30s'],
  ['groupInterval', '5m'],
  ['repeatInterval', '4h'],
] as const;

/** A match on one side of an alert: any of the values chosen, or every alert when none is. */
function AnyOfField(props: { label: string; name: string; options: { value: string; label: string }[] }) {
  const { t } = useI18n();
  return (
    <Form.Item
      label={props.label}
      name={props.name}
      style={{ flex: 1 }}
      extra={t('alerting.policies.anyHelp')}
    >
      <Select mode="multiple" allowClear options={props.options} />
    </Form.Item>
  );
}

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
  const editor = useSaveForm<PolicyForm, PolicyView>({
    save: (values) => notificationsApi.savePolicy(values.name, policySpecOf(values)),
    savedText: (name) => t('alerting.policies.saved', { name }),
    refresh: ['notifications'],
    fields: POLICY_FIELDS,
    rename: policyField,
    onSaved: onClose,
  });
  const { reset } = editor;
  const receivers = useQuery({
    queryKey: ['notifications', 'receivers'],
    queryFn: notificationsApi.receivers,
    enabled: open,
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, enabled: open });

  useEffect(() => {
    if (open) reset(policy && policyFormOf(policy));
  }, [open, policy, reset]);
  const duration = [{ pattern: DURATION_PATTERN, message: t('alerting.rules.durationInvalid') }];

  return (
    <DocumentDrawer<PolicyForm>
      open={open}
      onClose={onClose}
      size={640}
      title={policy ? t('alerting.policies.editTitle', { name: policy.name }) : t('alerting.policies.new')}
      editor={editor}
      saveText={t('alerting.save')}
      initialValues={{ order: 100, sendResolved: true, continue: false, enabled: true, receivers: [] }}
    >
      <Flex gap={12}>
        <NameField
          label={t('alerting.policies.name')}
          style={{ flex: 1 }}
          required={t('alerting.rules.nameRequired')}
          invalid={t('alerting.rules.nameInvalid')}
          locked={Boolean(policy)}
        />
        <Form.Item label={t('alerting.policies.order')} name="order" extra={t('alerting.policies.orderHelp')}>
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
        <AnyOfField
          label={t('alerting.policies.levels')}
          name="levels"
          options={ALERT_LEVELS.map((level) => ({ value: level, label: t(`alerting.level.${level}`) }))}
        />
        <AnyOfField
          label={t('alerting.rules.clusters')}
          name="clusters"
          options={(clusters.data?.items ?? []).map((cluster) => ({
            value: cluster.name,
            label: cluster.name,
          }))}
        />
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
        {DURATIONS.map(([name, placeholder]) => (
          <Form.Item
            key={name}
            label={t(`alerting.policies.${name}`)}
            name={name}
            rules={duration}
            extra={t(`alerting.policies.${name}Help`)}
          >
            <Input placeholder={placeholder} style={{ width: 150 }} />
          </Form.Item>
        ))}
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
    </DocumentDrawer>
  );
}
