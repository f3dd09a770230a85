import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { backupsApi } from './backups-api.ts';
import type { Backup } from './types.ts';

/** Cancel and delete of a backup, each confirmed with the backup named; the server's refusal shown. */
export function useBackupActions(onDeleted?: () => void) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const refused = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.message : String(error));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['backups'] });
  const cancel = useMutation({ mutationFn: backupsApi.cancelBackup, onSuccess: refresh, onError: refused });
  const remove = useMutation({
    mutationFn: backupsApi.removeBackup,
    onSuccess: () => {
      refresh();
      onDeleted?.();
    },
    onError: refused,
  });
  return {
    confirmCancel: (backup: Backup) =>
      modal.confirm({
        title: t('backups.cancelTitle', { id: backup.id }),
        content: t('backups.cancelBody'),
        okText: t('backups.cancel'),
        okButtonProps: { danger: true },
        cancelText: t('backups.close'),
        onOk: () => cancel.mutateAsync(backup.id),
      }),
    confirmDelete: (backup: Backup) =>
      modal.confirm({
        title: t('backups.deleteTitle', { id: backup.id, cluster: backup.cluster }),
        content: t('backups.deleteBody', { destination: backup.destination }),
        okText: t('backups.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => remove.mutateAsync(backup.id),
      }),
  };
}
