import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Flex, Input, Table } from 'antd';
import { useState } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';
import { backupsApi } from './backups-api.ts';
import { Pager } from './Pager.tsx';
import type { BackupObject } from './types.ts';

/** The objects an archive holds, paged by the server, filtered by namespace and kind. */
export function BackupObjects({ id }: { id: string }) {
  const { t } = useI18n();
  const [namespace, setNamespace] = useState('');
  const [kind, setKind] = useState('');
  const [size, setSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ namespace, kind, size }));
  const query = { namespace: namespace.trim(), kind: kind.trim(), limit: size, continue: pages.cursor };
  const objects = useQuery({
    queryKey: ['backups', 'objects', id, query],
    queryFn: () => backupsApi.objects(id, query),
    placeholderData: keepPreviousData,
  });
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('backups.namespace')}
          aria-label={t('backups.namespace')}
          onSearch={setNamespace}
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('backups.detail.kindFilter')}
          aria-label={t('backups.kind')}
          onSearch={setKind}
        />
      </Flex>
      {objects.error && <ErrorNotice error={objects.error} onRetry={() => void objects.refetch()} />}
      <Table<BackupObject>
        size="small"
        rowKey={(entry) => `${entry.apiVersion}/${entry.kind}/${entry.namespace ?? ''}/${entry.name}`}
        loading={objects.isPending || objects.isPlaceholderData}
        dataSource={objects.data?.items ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backups.detail.objectsEmpty')} />
          ),
        }}
        columns={[
          { title: t('backups.kind'), dataIndex: 'kind', key: 'kind' },
          { title: t('backups.namespace'), key: 'namespace', render: (_, entry) => entry.namespace ?? '–' },
          { title: t('backups.name'), dataIndex: 'name', key: 'name' },
          { title: 'apiVersion', dataIndex: 'apiVersion', key: 'apiVersion' },
        ]}
      />
      <Pager
        pages={pages}
        next={objects.data?.continue}
        waiting={objects.isPlaceholderData}
        total={objects.data?.total}
        size={size}
        onSize={setSize}
      />
    </Flex>
  );
}
