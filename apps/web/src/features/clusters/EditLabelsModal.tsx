import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Cluster } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { clusterApi } from '../cluster/cluster-api.ts';
import { parseLabels } from './cluster-labels.ts';

/** The cluster's labels as `key=value` lines; saved with PATCH, the server's refusal on the field. */
export function EditLabelsModal({ cluster, onClose }: { cluster: Cluster | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ labels: string }>();
  const [busy, setBusy] = useState(false);

  const save = async ({ labels: text }: { labels: string }) => {
    if (!cluster) return;
    const labels = parseLabels(text ?? '');
    if (!labels) {
      form.setFields([{ name: 'labels', errors: [t('add.labelsInvalid')] }]);
      return;
    }
    setBusy(true);
    try {
      await clusterApi.update(cluster.name, { labels });
      message.success(t('clusterPage.labelsSaved', { name: cluster.name }));
      void queryClient.invalidateQueries({ queryKey: ['clusters'] });
      void queryClient.invalidateQueries({ queryKey: ['cluster', cluster.name] });
      onClose();
    } catch (error) {
      form.setFields([{ name: 'labels', errors: [error instanceof Error ? error.message : String(error)] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={cluster !== undefined}
      title={t('clusterPage.editLabelsOf', { name: cluster?.name ?? '' })}
      okText={t('clusterPage.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {/* Mounted on each opening (destroyOnHidden), so it starts from the cluster's labels of now. */}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          labels: Object.entries(cluster?.labels ?? {})
            .map(([key, value]) => `${key}=${value}`)
            .join('\n'),
        }}
      >
        <Form.Item name="labels" label={t('cluster.labels')} extra={t('add.labelsHelp')}>
          <Input.TextArea
            id="cluster-labels"
            rows={5}
            spellCheck={false}
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
