import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { WorkspaceSelect } from '../people/pickers.tsx';
import { clusterApi } from './cluster-api.ts';

/**
 * The workspace a namespace belongs to: plain text for most, a picker for a platform administrator
 * (binding is a platform decision). A namespace belongs to one workspace, so moving it unbinds first.
 */
export function WorkspaceBinding({
  cluster,
  namespace,
  workspace,
}: {
  cluster: string;
  namespace: string;
  workspace: string | undefined;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const editable = can('workspaces:write', 'platform');
  if (!editable) return <>{workspace ?? t('clusterPage.namespaces.noWorkspace')}</>;

  const change = async (next: string | undefined) => {
    setBusy(true);
    try {
      if (workspace) await clusterApi.unbindNamespace(workspace, cluster, namespace);
      if (next) await clusterApi.bindNamespace(next, cluster, namespace);
      message.success(
        next
          ? t('clusterPage.namespaces.bound', { namespace, workspace: next })
          : t('clusterPage.namespaces.unbound', { namespace }),
      );
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ['workspaces', 'bindings'] });
    }
  };

  // Workspaces come in pages: the picker asks the server for those whose name contains what is typed.
  return (
    <WorkspaceSelect
      style={{ width: '100%' }}
      loading={busy}
      disabled={busy}
      aria-label={t('clusterPage.namespaces.workspace')}
      placeholder={t('clusterPage.namespaces.noWorkspace')}
      value={workspace}
      onChange={(value: string | undefined) => void change(value)}
    />
  );
}
