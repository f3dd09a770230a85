import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import type { KubeconfigContext } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { clusterApi } from '../cluster/cluster-api.ts';

interface Values {
  kubeconfig: string;
  context?: string;
}

/**
 * New credentials for a registered cluster (a rotated certificate or token): the server connects with
 * them before it keeps them, and a refusal is shown on the field it names.
 */
export function ReplaceCredentialsDrawer({
  cluster,
  onClose,
}: {
  cluster: string | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [contexts, setContexts] = useState<KubeconfigContext[]>([]);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const show = (error: unknown, fallbackField?: 'kubeconfig') => {
    const text = error instanceof Error ? error.message : String(error);
    const field = (error instanceof ApiError ? error.field : undefined) ?? fallbackField;
    if (field === 'kubeconfig' || field === 'context') form.setFields([{ name: field, errors: [text] }]);
    else setProblem(text);
  };

  const readContexts = async () => {
    setProblem(undefined);
    const kubeconfig = form.getFieldValue('kubeconfig') as string | undefined;
    if (!kubeconfig?.trim()) {
      form.setFields([{ name: 'kubeconfig', errors: [t('add.kubeconfigRequired')] }]);
      return;
    }
    try {
      const { items } = await api.kubeconfigContexts(kubeconfig);
      setContexts(items);
      form.setFields([{ name: 'kubeconfig', errors: [] }]);
      form.setFieldValue('context', (items.find((context) => context.current) ?? items[0])?.name);
    } catch (error) {
      setContexts([]);
      show(error, 'kubeconfig');
    }
  };

  const submit = async (values: Values) => {
    if (!cluster) return;
    setProblem(undefined);
    setBusy(true);
    try {
      await clusterApi.replaceKubeconfig(cluster, {
        kubeconfig: values.kubeconfig,
        ...(values.context ? { context: values.context } : {}),
      });
      message.success(t('clusterPage.credentialsReplaced', { name: cluster }));
      await queryClient.invalidateQueries({ queryKey: ['clusters'] });
      await queryClient.invalidateQueries({ queryKey: ['cluster', cluster] });
      form.resetFields();
      setContexts([]);
      onClose();
    } catch (error) {
      // The kubeconfig is the request's only real input: a refusal naming no field is about it.
      show(error, error instanceof ApiError && error.status < 500 ? 'kubeconfig' : undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={t('clusterPage.replaceCredentialsOf', { name: cluster ?? '' })}
      open={cluster !== undefined}
      onClose={onClose}
      size={560}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('clusterPage.replaceCredentialsHelp')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item
          label={t('add.kubeconfig')}
          name="kubeconfig"
          extra={t('add.kubeconfigHelp')}
          rules={[{ required: true, message: t('add.kubeconfigRequired') }]}
        >
          <Input.TextArea
            id="replace-kubeconfig"
            rows={10}
            spellCheck={false}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
          />
        </Form.Item>
        <Space style={{ marginBottom: 16 }}>
          <Upload
            accept=".yaml,.yml,.conf,.config,text/plain"
            showUploadList={false}
            beforeUpload={async (file) => {
              form.setFieldValue('kubeconfig', await file.text());
              await readContexts();
              return false;
            }}
          >
            <Button>{t('add.upload')}</Button>
          </Upload>
          <Button onClick={() => void readContexts()}>{t('add.readContexts')}</Button>
        </Space>
        <Form.Item label={t('add.context')} name="context" extra={t('add.contextHelp')}>
          <Select
            disabled={contexts.length === 0}
            options={contexts.map((context) => ({
              value: context.name,
              label: context.cluster ? `${context.name} (${context.cluster})` : context.name,
            }))}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('clusterPage.replaceSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
