import type { AlertRuleView } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Form, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { alertingApi } from './alerting-api.ts';
import { DocumentDrawer } from './DocumentDrawer.tsx';
import { NameField } from './NameField.tsx';
import {
  type RuleForm,
  ruleFields,
  ruleFormOf,
  ruleSpecOf,
  shownParams,
  templateDefaults,
} from './rule-form.ts';
import { ALERT_LEVELS } from './tags.tsx';
import { paramHint, paramName, templateText } from './templates.ts';
import { useSaveForm } from './use-save-form.ts';

const DURATION_PATTERN = /^([0-9]+(ms|s|m|h|d))+$/;

/** New rule from a template (or custom PromQL for platform Admins), or an existing rule edited. */
export function RuleDrawer({
  open,
  rule,
  onClose,
}: {
  open: boolean;
  /** The rule edited; absent for a new one. */
  rule?: AlertRuleView;
  onClose(): void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const templates = useQuery({
    queryKey: ['alerting', 'templates'],
    queryFn: alertingApi.templates,
    enabled: open,
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, enabled: open });
  const templateOf = (id: string | undefined) => templates.data?.items.find((item) => item.id === id);
  const editor = useSaveForm<RuleForm, AlertRuleView>({
    save: (values) => alertingApi.saveRule(values.name, ruleSpecOf(values)),
    savedText: (name) => t('alerting.rules.saved', { name }),
    refresh: ['alerting'],
    fields: (values) => ruleFields(templateOf(values.template)),
    onSaved: onClose,
  });
  const { form, reset } = editor;
  const source = Form.useWatch('source', form);
  const templateId = Form.useWatch('template', form);
  const template = templateOf(templateId);
  const admin = can('monitoring:admin', 'platform');

  useEffect(() => {
    if (open) reset(rule && ruleFormOf(rule));
  }, [open, rule, reset]);

  const pick = (id: string) => {
    const picked = templateOf(id);
    if (picked) form.setFieldsValue(templateDefaults(picked));
  };

  return (
    <DocumentDrawer<RuleForm>
      open={open}
      onClose={onClose}
      size={640}
      title={rule ? t('alerting.rules.editTitle', { name: rule.name }) : t('alerting.rules.new')}
      editor={editor}
      saveText={t('alerting.save')}
      notice={
        templates.error && <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />
      }
      initialValues={{ source: 'template', level: 'warning', enabled: true }}
    >
      <NameField
        label={t('alerting.rules.name')}
        extra={t('alerting.rules.nameHelp')}
        required={t('alerting.rules.nameRequired')}
        invalid={t('alerting.rules.nameInvalid')}
        locked={Boolean(rule)}
      />
      {rule?.builtIn ? (
        <Alert type="info" showIcon title={t('alerting.rules.builtInHelp')} style={{ marginBottom: 12 }} />
      ) : (
        (admin || source === 'promql') && (
          <Form.Item label={t('alerting.rules.source')} name="source">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'template', label: t('alerting.rules.fromTemplate') },
                { value: 'promql', label: t('alerting.rules.custom'), disabled: !admin },
              ]}
            />
          </Form.Item>
        )
      )}
      {source !== 'promql' ? (
        <>
          <Form.Item
            label={t('alerting.rules.template')}
            name="template"
            rules={[{ required: true, message: t('alerting.rules.templateRequired') }]}
          >
            <Select
              showSearch
              disabled={rule?.builtIn}
              loading={templates.isPending}
              onChange={pick}
              optionLabelProp="title"
              aria-label={t('alerting.rules.template')}
              options={(templates.data?.items ?? []).map((item) => {
                const text = templateText(item.id, t);
                return {
                  value: item.id,
                  title: text.title,
                  label: (
                    <Flex vertical data-template={item.id}>
                      <Typography.Text strong>{text.title}</Typography.Text>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'normal', fontSize: 12 }}>
                        {text.description}
                      </Typography.Text>
                    </Flex>
                  ),
                };
              })}
            />
          </Form.Item>
          {template && (
            <>
              {template.sources.length > 0 && (
                <Typography.Paragraph type="secondary">
                  {t('alerting.rules.reads', { sources: template.sources.join(', ') })}
                </Typography.Paragraph>
              )}
              <Flex gap={12} wrap>
                {shownParams(template).map((param) => (
                  <Form.Item
                    key={param.name}
                    label={paramName(param.name, t)}
                    name={['params', param.name]}
                    extra={t('alerting.rules.paramDefault', {
                      value: String(param.default),
                      hint: paramHint(param, t),
                    })}
                    rules={
                      param.type === 'duration'
                        ? [{ pattern: DURATION_PATTERN, message: t('alerting.rules.durationInvalid') }]
                        : []
                    }
                  >
                    {param.type === 'number' || param.type === 'ratio' ? (
                      <InputNumber
                        style={{ width: 160 }}
                        min={param.type === 'ratio' ? 0 : undefined}
                        max={param.type === 'ratio' ? 1 : undefined}
                        step={param.type === 'ratio' ? 0.05 : 1}
                      />
                    ) : (
                      <Input style={{ width: 160 }} />
                    )}
                  </Form.Item>
                ))}
              </Flex>
            </>
          )}
        </>
      ) : (
        <Form.Item
          label={t('alerting.rules.promql')}
          name="promql"
          extra={t('alerting.rules.promqlHelp')}
          rules={[{ required: true, whitespace: true, message: t('alerting.rules.promqlRequired') }]}
        >
          <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      )}
      <Flex gap={12} wrap>
        <Form.Item label={t('alerting.col.level')} name="level" style={{ minWidth: 160 }}>
          <Select
            options={ALERT_LEVELS.map((level) => ({ value: level, label: t(`alerting.level.${level}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('alerting.rules.for')}
          name="for"
          extra={t('alerting.rules.forHelp')}
          rules={[{ pattern: DURATION_PATTERN, message: t('alerting.rules.durationInvalid') }]}
        >
          <Input placeholder="5m" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('alerting.rules.enabled')} name="enabled" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t('alerting.rules.clusters')}
        name={['scope', 'clusters']}
        extra={t('alerting.rules.clustersHelp')}
      >
        <Select
          mode="multiple"
          allowClear
          aria-label={t('alerting.rules.clusters')}
          options={(clusters.data?.items ?? []).map((cluster) => ({
            value: cluster.name,
            label: cluster.name,
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t('alerting.rules.namespaces')}
        name={['scope', 'namespaces']}
        extra={t('alerting.rules.namespacesHelp')}
      >
        <Select mode="tags" allowClear aria-label={t('alerting.rules.namespaces')} open={false} />
      </Form.Item>
      <Form.Item label={t('alerting.col.summary')} name="summary" extra={t('alerting.rules.summaryHelp')}>
        <Input maxLength={512} />
      </Form.Item>
      <Form.Item label={t('alerting.description')} name="description">
        <Input.TextArea rows={2} maxLength={2048} />
      </Form.Item>
    </DocumentDrawer>
  );
}
