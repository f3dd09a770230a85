import { BACKUP_STATES } from '@portolan/api';
import { Button, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { backupPath, backupsApi, wizardPath } from './backups-api.ts';
import { namespacesText } from './plan-form.ts';
import { RunList } from './RunList.tsx';
import { mayWrite } from './reach.ts';
import { BackupStateCell } from './tags.tsx';
import type { Backup } from './types.ts';
import { useBackupActions } from './use-backup-actions.ts';

/** Every backup the caller reaches, newest first, running ones refreshed every two seconds. */
export function BackupsTab() {
  const { t, format } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const actions = useBackupActions();
  return (
    <RunList<Backup>
      name="list"
      fetch={backupsApi.backups}
      states={BACKUP_STATES}
      clusterLabel={t('backups.cluster')}
      empty={t('backups.empty')}
      path={backupPath}
      onRow={(entry) => ({ 'data-backup': entry.id }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('backups.plan'), key: 'plan', render: (_, entry) => entry.plan ?? '–' },
        { title: t('backups.cluster'), dataIndex: 'cluster', key: 'cluster' },
        {
          title: t('backups.namespaces'),
          key: 'namespaces',
          render: (_, entry) => (
            <Typography.Text ellipsis style={{ maxWidth: 220 }}>
              {namespacesText(entry.namespaces, t('backups.allNamespaces'))}
            </Typography.Text>
          ),
        },
        {
          title: t('backups.state'),
          key: 'state',
          render: (_, entry) => <BackupStateCell backup={entry} />,
        },
        {
          title: t('backups.objects'),
          key: 'objects',
          align: 'right',
          render: (_, entry) => format.number(entry.objects),
        },
        {
          title: t('backups.size'),
          key: 'size',
          align: 'right',
          render: (_, entry) => format.bytes(entry.sizeBytes),
        },
        {
          title: t('backups.failed'),
          key: 'failed',
          align: 'right',
          render: (_, entry) =>
            entry.failed ? <Typography.Text type="danger">{format.number(entry.failed)}</Typography.Text> : 0,
        },
        { title: t('backups.destination'), dataIndex: 'destination', key: 'destination' },
        {
          title: '',
          key: 'actions',
          render: (_, entry) =>
            mayWrite(can, entry.cluster, entry.namespaces) && (
              <Space size={4}>
                {(entry.state === 'completed' || entry.state === 'partially-failed') && (
                  <Button size="small" onClick={() => navigate(wizardPath(entry.id))}>
                    {t('backups.restore')}
                  </Button>
                )}
                {entry.state === 'running' ? (
                  <Button size="small" danger onClick={() => actions.confirmCancel(entry)}>
                    {t('backups.cancel')}
                  </Button>
                ) : (
                  <Button size="small" danger onClick={() => actions.confirmDelete(entry)}>
                    {t('backups.delete')}
                  </Button>
                )}
              </Space>
            ),
        },
      ]}
    />
  );
}
