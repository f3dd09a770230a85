import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { backupsApi } from './backups-api.ts';
import type { BackupObject } from './types.ts';

export const objectKey = (entry: BackupObject) =>
  `${entry.apiVersion}/${entry.kind}/${entry.namespace ?? ''}/${entry.name}`;

/** The backup's objects in the chosen namespaces (the first 500), to pick single ones to restore. */
export function ObjectPicker(props: {
  backup: string;
  namespaces: string[];
  chosen: BackupObject[];
  onChange(chosen: BackupObject[]): void;
}) {
  const { t, format } = useI18n();
  const only = props.namespaces.length === 1 ? props.namespaces[0] : undefined;
  const objects = useQuery({
    queryKey: ['backups', 'objects', props.backup, 'pick', only ?? ''],
    queryFn: () => backupsApi.objects(props.backup, { namespace: only, limit: 500 }),
  });
  const shown = (objects.data?.items ?? []).filter(
    (entry) => entry.namespace && props.namespaces.includes(entry.namespace),
  );
  return (
    <>
      {objects.error && <ErrorNotice error={objects.error} onRetry={() => void objects.refetch()} />}
      <Typography.Text type="secondary">
        {t('backups.wizard.objectsChosen', { count: format.number(props.chosen.length) })}
      </Typography.Text>
      <Table<BackupObject>
        size="small"
        rowKey={objectKey}
        loading={objects.isPending}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        rowSelection={{
          selectedRowKeys: props.chosen.map(objectKey),
          onChange: (_, rows) => props.onChange(rows),
        }}
        columns={[
          { title: t('backups.kind'), dataIndex: 'kind', key: 'kind' },
          { title: t('backups.namespace'), dataIndex: 'namespace', key: 'namespace' },
          { title: t('backups.name'), dataIndex: 'name', key: 'name' },
        ]}
      />
    </>
  );
}
