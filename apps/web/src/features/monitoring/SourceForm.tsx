import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { type MetricsSourceSettings, monitoringApi } from './monitoring-api.ts';

interface Values {
  kind: 'managed' | 'external';
  url?: string;
  clusterLabel?: string;
  clusterValue?: string;
  bearerToken?: string;
  insecureSkipTlsVerify?: boolean;
}

/** What the form sends: an external source's fields only when external; an empty token keeps the one set. */
export function sourceBody(values: Values): MetricsSourceSettings {
  if (values.kind === 'managed') return { kind: 'managed' };
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const body: MetricsSourceSettings = { kind: 'external', url: text(values.url) ?? '' };
  if (text(values.clusterLabel)) body.clusterLabel = text(values.clusterLabel);
  if (text(values.clusterValue)) body.clusterValue = text(values.clusterValue);
  if (text(values.bearerToken)) body.bearerToken = text(values.bearerToken);
  if (values.insecureSkipTlsVerify) body.insecureSkipTlsVerify = true;
  return body;
}

/** An Admin's form for one cluster's metrics source; the server's reason lands on the field at fault. */
export function SourceForm({
  cluster,
  current,
  onClose,
}: {
  cluster: string | undefined;
  current: MetricsSourceSettings | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<string>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!cluster) return;
    setRefusal(undefined);
    form.resetFields();
    form.setFieldsValue({
      kind: current?.kind ?? 'managed',
      url: current?.url,
      clusterLabel: current?.clusterLabel,
      clusterValue: current?.clusterValue,
      insecureSkipTlsVerify: current?.insecureSkipTlsVerify ?? false,
    });
  }, [cluster, current, form]);
  const save = useMutation({
    mutationFn: (values: Values) => monitoringApi.saveSource(cluster ?? '', sourceBody(values)),
    onSuccess: () => {
      message.success(t('monitoring.sources.saved', { cluster: cluster ?? '' }));
      void queryClient.invalidateQueries({ queryKey: ['monitoring'] });
      onClose();
    },
    onError: (error) => {
      const field = error instanceof ApiError ? error.field : undefined;
      if (field && field in FIELDS)
        form.setFields([{ name: field as keyof Values, errors: [error.message] }]);
      else setRefusal(error.message);
    },
  });
  return (
    <Modal
      open={cluster !== undefined}
      title={t('monitoring.sources.editTitle', { cluster: cluster ?? '' })}
      okText={t('monitoring.sources.save')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item name="kind" label={t('monitoring.sources.kind')}>
          <Radio.Group
            options={[
              { value: 'managed', label: t('monitoring.sources.kind.managed') },
              { value: 'external', label: t('monitoring.sources.kind.external') },
            ]}
          />
        </Form.Item>
        {kind === 'external' && (
          <>
            <Form.Item name="url" label={t('monitoring.sources.url')} extra={t('monitoring.sources.urlHelp')}>
              <Input placeholder="https://prometheus.example:9090" />
            </Form.Item>
            <Form.Item
              name="clusterLabel"
              label={t('monitoring.sources.clusterLabel')}
              extra={t('monitoring.sources.clusterLabelHelp')}
            >
              <Input placeholder="cluster" />
            </Form.Item>
            <Form.Item name="clusterValue" label={t('monitoring.sources.clusterValue')}>
              <Input placeholder={cluster} />
            </Form.Item>
            <Form.Item
              name="bearerToken"
              label={t('monitoring.sources.token')}
              extra={current?.hasToken ? t('monitoring.sources.tokenSet') : t('monitoring.sources.tokenHelp')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="insecureSkipTlsVerify"
              label={t('monitoring.sources.insecure')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

const FIELDS: Record<keyof Values, true> = {
  kind: true,
  url: true,
  clusterLabel: true,
  clusterValue: true,
  bearerToken: true,
  insecureSkipTlsVerify: true,
};
