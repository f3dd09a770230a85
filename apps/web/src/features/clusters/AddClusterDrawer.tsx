import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import type { KubeconfigContext } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { parseLabels } from './cluster-filters.ts';

interface Values {
  kubeconfig: string;
  context?: string;
  name: string;
  displayName?: string;
  description?: string;
  labels?: string;
}

const FIELDS = ['kubeconfig', 'context', 'name', 'displayName', 'description', 'labels'] as const;

/**
 * Register a cluster: paste or upload a kubeconfig, pick its context, name it, and let the server
 * connect. A refusal is shown on the field the server names, in the server's own words.
 */
export function AddClusterDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [contexts, setContexts] = useState<KubeconfigContext[]>([]);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  /** Puts the server's reason on its field, or above the form when it names none. */
  const show = (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    const field = error instanceof ApiError ? error.field : undefined;
    const at = FIELDS.find((name) => name === field);
    if (at) form.setFields([{ name: at, errors: [text] }]);
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
      const chosen = items.find((context) => context.current) ?? items[0];
      form.setFieldValue('context', chosen?.name);
      if (!form.getFieldValue('name') && chosen) form.setFieldValue('name', suggestName(chosen.name));
    } catch (error) {
      setContexts([]);
      show(error instanceof ApiError && !error.field ? fieldError(error, 'kubeconfig') : error);
    }
  };

  const submit = async (values: Values) => {
    setProblem(undefined);
    const labels = parseLabels(values.labels ?? '');
    if (!labels) {
      form.setFields([{ name: 'labels', errors: [t('add.labelsInvalid')] }]);
      return;
    }
    setBusy(true);
    try {
      const added = await api.registerCluster({
        name: values.name.trim(),
        kubeconfig: values.kubeconfig,
        ...(values.context ? { context: values.context } : {}),
        ...(values.displayName ? { displayName: values.displayName } : {}),
        ...(values.description ? { description: values.description } : {}),
        labels,
      });
      message.success(t('add.added', { name: added.name }));
      if (added.missingPermissions?.length)
        message.warning(t('add.missingPermissions', { permissions: added.missingPermissions.join(', ') }));
      await queryClient.invalidateQueries({ queryKey: ['clusters'] });
      await queryClient.invalidateQueries({ queryKey: ['summary'] });
      form.resetFields();
      setContexts([]);
      onClose();
    } catch (error) {
      show(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer title={t('add.title')} open={open} onClose={onClose} size={560} destroyOnHidden>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item
          label={t('add.kubeconfig')}
          name="kubeconfig"
          extra={t('add.kubeconfigHelp')}
          rules={[{ required: true, message: t('add.kubeconfigRequired') }]}
        >
          <Input.TextArea rows={8} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} />
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
        <Form.Item
          label={t('add.name')}
          name="name"
          extra={t('add.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('add.nameRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('add.displayName')} name="displayName">
          <Input />
        </Form.Item>
        <Form.Item label={t('add.description')} name="description">
          <Input />
        </Form.Item>
        <Form.Item label={t('add.labels')} name="labels" extra={t('add.labelsHelp')}>
          <Input.TextArea rows={2} spellCheck={false} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('add.submit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}

/** A context name as a cluster name: lowercase letters, digits and dashes. */
function suggestName(context: string): string {
  return context
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** The contexts route names no field: its only input is the kubeconfig, so that is the field at fault. */
function fieldError(error: ApiError, field: string): ApiError {
  return new ApiError(error.status, { ...error.body, field });
}
