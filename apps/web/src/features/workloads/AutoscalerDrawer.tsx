import { Alert, App, Button, Drawer, Flex, Form, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { MAX_REPLICAS } from './ScaleModal.tsx';
import type { Autoscaler, AutoscalerSettings } from './workloads-api.ts';

type Fields = {
  minReplicas: number;
  maxReplicas: number;
  cpuUtilization?: number;
  memoryUtilization?: number;
};

const FIELDS = ['minReplicas', 'maxReplicas', 'cpuUtilization', 'memoryUtilization'] as const;

/** Views the workload's autoscaler; with `canWrite`, sets or removes it. */
export function AutoscalerDrawer({
  name,
  open,
  autoscaler,
  canWrite,
  onClose,
  onSave,
  onRemove,
}: {
  name: string;
  open: boolean;
  autoscaler: Autoscaler | null | undefined;
  canWrite: boolean;
  onClose(): void;
  onSave(settings: AutoscalerSettings): Promise<unknown>;
  onRemove(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Fields>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      autoscaler
        ? {
            minReplicas: autoscaler.minReplicas,
            maxReplicas: autoscaler.maxReplicas,
            ...(autoscaler.cpuUtilization ? { cpuUtilization: autoscaler.cpuUtilization } : {}),
            ...(autoscaler.memoryUtilization ? { memoryUtilization: autoscaler.memoryUtilization } : {}),
          }
        : { minReplicas: 1, maxReplicas: 5, cpuUtilization: 80 },
    );
  }, [open, autoscaler, form]);

  const save = async () => {
    const values = await form.validateFields();
    const settings: AutoscalerSettings = { minReplicas: values.minReplicas, maxReplicas: values.maxReplicas };
    if (values.cpuUtilization) settings.cpuUtilization = values.cpuUtilization;
    if (values.memoryUtilization) settings.memoryUtilization = values.memoryUtilization;
    try {
      await onSave(settings);
      onClose();
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      const field = error instanceof ApiError ? error.field : undefined;
      const at = FIELDS.find((entry) => entry === field) ?? 'minReplicas';
      form.setFields([{ name: at, errors: [message] }]);
    }
  };

  const remove = () =>
    modal.confirm({
      title: t('workloads.hpa.removeTitle', { name }),
      content: t('workloads.hpa.removeText'),
      okText: t('workloads.hpa.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        await onRemove();
        onClose();
      },
    });

  const percent = (label: string, field: 'cpuUtilization' | 'memoryUtilization') => (
    <Form.Item
      name={field}
      label={label}
      dependencies={[field === 'cpuUtilization' ? 'memoryUtilization' : 'cpuUtilization']}
      rules={[
        ({ getFieldValue }) => ({
          validator: () =>
            getFieldValue('cpuUtilization') || getFieldValue('memoryUtilization')
              ? Promise.resolve()
              : Promise.reject(new Error(t('workloads.hpa.targetRequired'))),
        }),
      ]}
    >
      <InputNumber min={1} max={1000} precision={0} suffix="%" disabled={!canWrite} style={{ width: 160 }} />
    </Form.Item>
  );

  return (
    <Drawer
      title={t('workloads.hpa.title', { name })}
      open={open}
      onClose={onClose}
      size={420}
      destroyOnHidden
      footer={
        canWrite && (
          <Flex justify="space-between">
            {autoscaler ? (
              <Button danger onClick={remove}>
                {t('workloads.hpa.remove')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="primary" onClick={() => void save()}>
              {t('workloads.hpa.save')}
            </Button>
          </Flex>
        )
      }
    >
      {autoscaler ? (
        autoscaler.currentReplicas !== undefined && (
          <Typography.Paragraph type="secondary">
            {t('workloads.hpa.current', {
              current: autoscaler.currentReplicas,
              desired: autoscaler.desiredReplicas ?? autoscaler.currentReplicas,
            })}
          </Typography.Paragraph>
        )
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('workloads.hpa.none')} />
      )}
      <Form form={form} layout="vertical" disabled={!canWrite}>
        <Form.Item
          name="minReplicas"
          label={t('workloads.hpa.min')}
          rules={[{ required: true, message: t('workloads.hpa.minRequired') }]}
        >
          <InputNumber min={1} max={MAX_REPLICAS} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="maxReplicas"
          label={t('workloads.hpa.max')}
          dependencies={['minReplicas']}
          rules={[
            { required: true, message: t('workloads.hpa.maxRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === undefined || value === null || value >= (getFieldValue('minReplicas') ?? 0)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('workloads.hpa.maxBelowMin'))),
            }),
          ]}
        >
          <InputNumber min={1} max={MAX_REPLICAS} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {percent(t('workloads.hpa.cpu'), 'cpuUtilization')}
        {percent(t('workloads.hpa.memory'), 'memoryUtilization')}
      </Form>
    </Drawer>
  );
}
