import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Space } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { parseLabels } from './cluster-labels.ts';
import { registerCluster, resourceName } from './clusters-api.ts';
import {
  FormProblem,
  KubeconfigInput,
  type KubeconfigValues,
  useKubeconfigInput,
} from './KubeconfigInput.tsx';

interface Values extends KubeconfigValues {
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
  const input = useKubeconfigInput(form, FIELDS, (chosen) => {
    if (!form.getFieldValue('name') && chosen) form.setFieldValue('name', suggestName(chosen.name));
  });

  const submit = async (values: Values) => {
    const labels = parseLabels(values.labels ?? '');
    if (!labels) {
      input.setFieldErrors('labels', [t('add.labelsInvalid')]);
      return;
    }
    await input.submit(async () => {
      const added = await registerCluster({
        name: values.name.trim(),
        kubeconfig: values.kubeconfig,
        ...(values.context ? { context: values.context } : {}),
        ...(values.displayName ? { displayName: values.displayName } : {}),
        ...(values.description ? { description: values.description } : {}),
        labels,
      });
      message.success(t('add.added', { name: added.name }));
      if (added.missingPermissions?.length)
        message.warning(
          t('clusters.addedWithout', { resources: added.missingPermissions.map(resourceName).join(', ') }),
        );
      void queryClient.invalidateQueries({ queryKey: ['clusters'] });
      void queryClient.invalidateQueries({ queryKey: ['summary'] });
      input.reset();
      onClose();
    });
  };

  return (
    <Drawer title={t('add.title')} open={open} onClose={onClose} size={560} destroyOnHidden>
      <FormProblem problem={input.problem} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <KubeconfigInput input={input} rows={8} />
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
          <Button type="primary" htmlType="submit" loading={input.busy}>
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
