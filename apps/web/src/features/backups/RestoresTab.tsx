import { RESTORE_STATES } from '@portolan/api';
import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { runError } from './backup-words.ts';
import { backupPath, backupsApi, restorePath } from './backups-api.ts';
import { RunList } from './RunList.tsx';
import { StateTag } from './tags.tsx';
import type { Restore } from './types.ts';

/** The counts of a restore as "created / updated / skipped / failed". */
export function RestoreCounts({ restore }: { restore: Restore }) {
  const { format } = useI18n();
  const { created, updated, skipped, failed } = restore.counts;
  return (
    <span>
      {format.number(created)} / {format.number(updated)} / {format.number(skipped)} /{' '}
      <Typography.Text type={failed ? 'danger' : undefined}>{format.number(failed)}</Typography.Text>
    </span>
  );
}

/** Every restore the caller reaches, newest first, paged by the server. */
export function RestoresTab() {
  const { t } = useI18n();
  return (
    <RunList<Restore>
      name="restores"
      fetch={backupsApi.restores}
      states={RESTORE_STATES}
      clusterLabel={t('backups.restores.target')}
      empty={t('backups.restores.empty')}
      path={restorePath}
      columns={[
        {
          title: t('backups.restores.source'),
          key: 'backup',
          render: (_, entry) => <Link to={backupPath(entry.spec.backup)}>{entry.spec.backup}</Link>,
        },
        { title: t('backups.restores.target'), key: 'cluster', render: (_, entry) => entry.spec.cluster },
        {
          title: t('backups.namespaces'),
          key: 'namespaces',
          render: (_, entry) => (
            <Typography.Text ellipsis style={{ maxWidth: 260 }}>
              {entry.spec.namespaces?.length
                ? entry.spec.namespaces
                    .map((name) => {
                      const target = entry.spec.namespaceMapping?.[name];
                      return target ? `${name} → ${target}` : name;
                    })
                    .join(', ')
                : t('backups.allNamespaces')}
            </Typography.Text>
          ),
        },
        {
          title: t('backups.state'),
          key: 'state',
          render: (_, entry) => <StateTag state={entry.state} error={runError(t, entry)} />,
        },
        {
          title: t('backups.restores.counts'),
          key: 'counts',
          render: (_, entry) => <RestoreCounts restore={entry} />,
        },
        { title: t('backups.restores.by'), key: 'by', render: (_, entry) => entry.createdBy.name },
      ]}
    />
  );
}
