import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Space, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { clusterApi } from '../cluster/cluster-api.ts';
import {
  FormProblem,
  KubeconfigInput,
  type KubeconfigValues,
  useKubeconfigInput,
} from './KubeconfigInput.tsx';

const FIELDS = ['kubeconfig', 'context'] as const;

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
  const [form] = Form.useForm<KubeconfigValues>();
  const input = useKubeconfigInput(form, FIELDS);

  const submit = async (values: KubeconfigValues) => {
    if (!cluster) return;
    // The kubeconfig is the request's only real input: a refusal naming no field is about it.
    await input.submit(async () => {
      await clusterApi.replaceKubeconfig(cluster, {
        kubeconfig: values.kubeconfig,
        ...(values.context ? { context: values.context } : {}),
      });
      message.success(t('clusterPage.credentialsReplaced', { name: cluster }));
      void queryClient.invalidateQueries({ queryKey: ['clusters'] });
      void queryClient.invalidateQueries({ queryKey: ['cluster', cluster] });
      input.reset();
      onClose();
    }, 'kubeconfig');
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
      <FormProblem problem={input.problem} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <KubeconfigInput input={input} id="replace-kubeconfig" rows={10} />
        <Space>
          <Button type="primary" htmlType="submit" loading={input.busy}>
            {t('clusterPage.replaceSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
