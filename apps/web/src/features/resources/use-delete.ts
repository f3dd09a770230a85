import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { type Found, resourcesApi } from './resources-api.ts';

/** What a delete names: the kind as people read it, the kind as the API takes it, and where. */
export interface DeleteTarget {
  kindLabel: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The kind as `configmaps` or `ingresses.networking.k8s.io`, the way the delete names it. */
const isTarget = (item: Found, target: DeleteTarget) =>
  item.name === target.name &&
  (item.namespace ?? '') === (target.namespace ?? '') &&
  [item.resource, item.group ? `${item.resource}.${item.group}` : item.resource].includes(target.kind);

/**
 * Asks before deleting, naming kind, namespace and name; the server's reason shows if it refuses.
 * `onDeleted` runs after the server accepted (the change stream brings the list up to date).
 */
export function useDeleteObject(cluster: string, onDeleted?: () => void) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  return (target: DeleteTarget) => {
    const where = target.namespace ? `${target.namespace}/${target.name}` : target.name;
    modal.confirm({
      title: t('resources.deleteTitle', { kind: target.kindLabel, name: where }),
      content: t('resources.deleteText', { kind: target.kindLabel, name: where, cluster }),
      okText: t('resources.deleteConfirm', { name: target.name }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const answer = await resourcesApi.remove(cluster, target.kind, target.name, target.namespace);
          message.success(
            t(answer.state === 'deleting' ? 'resources.deleting' : 'resources.deleted', {
              kind: target.kindLabel,
              name: where,
            }),
          );
          onDeleted?.();
          if (answer.state === 'deleted') {
            // Gone from the cluster: gone from the lists now. The store follows through the change
            // stream; refetching at once could show the row again until it has.
            queryClient.setQueriesData<{ items?: Found[] }>(
              { queryKey: ['resources', cluster] },
              (old) => old?.items && { ...old, items: old.items.filter((item) => !isTarget(item, target)) },
            );
          } else void queryClient.invalidateQueries({ queryKey: ['resources', cluster] });
        } catch (error) {
          message.error(error instanceof Error ? error.message : String(error));
        }
      },
    });
  };
}
