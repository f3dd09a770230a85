import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/portolan.ts';
import type { Cluster } from '../../api/types.ts';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { clusterApi } from '../cluster/cluster-api.ts';
import { clusterReasonText } from './cluster-reason.ts';
import { EditLabelsModal } from './EditLabelsModal.tsx';
import { ReplaceCredentialsDrawer } from './ReplaceCredentialsDrawer.tsx';

/**
 * What an administrator of the cluster may do to its registration: probe now, edit labels, replace
 * credentials, remove (confirmed, naming the cluster). Nothing is shown to a caller who may not.
 * `menu` folds the actions into one dropdown for a table row.
 */
export function ClusterActions({
  cluster,
  variant,
  onRemoved,
}: {
  cluster: Cluster;
  variant: 'buttons' | 'menu';
  onRemoved?: () => void;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const name = cluster.name;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['clusters'] });
    await queryClient.invalidateQueries({ queryKey: ['cluster', name] });
    await queryClient.invalidateQueries({ queryKey: ['summary'] });
  };
  const probe = useMutation({
    mutationFn: () => clusterApi.probe(name),
    onSuccess: (probed) => {
      const status = t(`status.${probed.status}`);
      if (probed.status === 'Ready') message.success(t('clusterPage.probed', { name, status }));
      else
        message.warning(
          t('clusterPage.probedProblem', { name, status, reason: clusterReasonText(t, probed) }),
        );
      void refresh();
    },
    onError: (error) => message.error(error.message),
  });
  const remove = useMutation({
    mutationFn: () => api.removeCluster(name),
    onSuccess: () => {
      message.success(t('clusters.removed', { name }));
      void refresh();
      onRemoved?.();
    },
    onError: (error) => message.error(error.message),
  });
  const confirmRemove = () =>
    modal.confirm({
      title: t('clusters.removeTitle', { name }),
      content: t('clusters.removeText', { name }),
      okText: t('clusters.removeConfirm', { name }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(),
    });

  if (!can('clusters:write', { cluster: name })) return null;

  const dialogs = (
    <>
      <EditLabelsModal cluster={editing ? cluster : undefined} onClose={() => setEditing(false)} />
      <ReplaceCredentialsDrawer cluster={replacing ? name : undefined} onClose={() => setReplacing(false)} />
    </>
  );

  if (variant === 'menu')
    return (
      <>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'probe', label: t('clusterPage.probe') },
              { key: 'labels', label: t('clusterPage.editLabels') },
              { key: 'credentials', label: t('clusterPage.replaceCredentials') },
              { type: 'divider' },
              { key: 'remove', label: t('clusters.remove'), danger: true },
            ],
            onClick: ({ key, domEvent }) => {
              domEvent.stopPropagation();
              if (key === 'probe') probe.mutate();
              if (key === 'labels') setEditing(true);
              if (key === 'credentials') setReplacing(true);
              if (key === 'remove') confirmRemove();
            },
          }}
        >
          <Button size="small" aria-label={t('clusterPage.actionsOf', { name })} loading={probe.isPending}>
            {t('cluster.actions')} ▾
          </Button>
        </Dropdown>
        {dialogs}
      </>
    );

  return (
    <Space wrap>
      <Button onClick={() => probe.mutate()} loading={probe.isPending}>
        {t('clusterPage.probe')}
      </Button>
      <Button onClick={() => setEditing(true)}>{t('clusterPage.editLabels')}</Button>
      <Button onClick={() => setReplacing(true)}>{t('clusterPage.replaceCredentials')}</Button>
      <Button danger onClick={confirmRemove}>
        {t('clusters.remove')}
      </Button>
      {dialogs}
    </Space>
  );
}
