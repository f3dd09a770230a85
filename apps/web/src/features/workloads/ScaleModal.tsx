import { Alert, Form, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { Autoscaler } from './workloads-api.ts';

/** The largest count the form takes; a typo of 30000 for 3 should not reach the cluster. */
export const MAX_REPLICAS = 10_000;

/**
 * Asks for a replica count: a whole number from 0 to MAX_REPLICAS. The server's refusal stays on the
 * field it names.
 */
export function ScaleModal({
  name,
  open,
  desired,
  ready,
  autoscaler,
  onClose,
  onScale,
}: {
  name: string;
  open: boolean;
  desired: number;
  ready: number;
  autoscaler: Autoscaler | null | undefined;
  onClose(): void;
  onScale(replicas: number): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ replicas: number }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ replicas: desired });
  }, [open, desired, form]);

  const submit = async () => {
    const { replicas } = await form.validateFields();
    try {
      await onScale(replicas);
      onClose();
    } catch (error) {
      form.setFields([
        { name: 'replicas', errors: [error instanceof ApiError ? error.message : String(error)] },
      ]);
    }
  };

  return (
    <Modal
      title={t('workloads.scale.title', { name })}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('workloads.scale.submit')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('workloads.scale.current', { desired, ready })}
      </Typography.Paragraph>
      {autoscaler && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('workloads.scale.autoscaled', {
            min: autoscaler.minReplicas,
            max: autoscaler.maxReplicas,
          })}
        />
      )}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="replicas"
          label={t('workloads.scale.replicas')}
          rules={[
            { required: true, message: t('workloads.scale.required') },
            {
              validator: (_, value) =>
                value === undefined ||
                value === null ||
                (Number.isInteger(value) && value >= 0 && value <= MAX_REPLICAS)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('workloads.scale.invalid'))),
            },
          ]}
        >
          <InputNumber autoFocus style={{ width: 160 }} min={0} max={MAX_REPLICAS} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
