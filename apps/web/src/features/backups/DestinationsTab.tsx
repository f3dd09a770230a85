import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { backupsApi } from './backups-api.ts';
import { DestinationDrawer } from './DestinationDrawer.tsx';
import type { Destination } from './types.ts';

/** Where backups are stored (platform administrators): a folder on the host or an S3 bucket. */
export function DestinationsTab() {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ destination?: Destination }>();
  const [tested, setTested] = useState<Record<string, { ok: boolean; message: string }>>({});
  const destinations = useQuery({ queryKey: ['backups', 'destinations'], queryFn: backupsApi.destinations });
  const refused = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.message : String(error));
  const test = useMutation({
    mutationFn: backupsApi.testDestination,
    onSuccess: (answer, name) => setTested((all) => ({ ...all, [name]: answer })),
    onError: (error, name) =>
      setTested((all) => ({
        ...all,
        [name]: { ok: false, message: error instanceof ApiError ? error.message : String(error) },
      })),
  });
  const remove = useMutation({
    mutationFn: backupsApi.removeDestination,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['backups', 'destinations'] }),
    onError: refused,
  });
  const confirmRemove = (destination: Destination) =>
    modal.confirm({
      title: t('backups.destinations.deleteTitle', { name: destination.name }),
      content: t('backups.destinations.deleteBody'),
      okText: t('backups.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(destination.name),
    });
  const where = (destination: Destination) =>
    destination.type === 'folder'
      ? destination.folder?.path
      : `${destination.s3?.endpoint} · ${destination.s3?.bucket}${destination.s3?.prefix ? `/${destination.s3.prefix}` : ''}`;

  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end">
        <Button type="primary" onClick={() => setEditing({})}>
          {t('backups.destinations.new')}
        </Button>
      </Flex>
      {destinations.error && (
        <ErrorNotice error={destinations.error} onRetry={() => void destinations.refetch()} />
      )}
      <Table<Destination>
        size="small"
        rowKey="name"
        loading={destinations.isPending}
        dataSource={destinations.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backups.destinations.empty')} />
          ),
        }}
        columns={[
          { title: t('backups.name'), dataIndex: 'name', key: 'name' },
          {
            title: t('backups.destinations.type'),
            key: 'type',
            render: (_, entry) => t(`backups.destinations.type.${entry.type}`),
          },
          {
            title: t('backups.destinations.where'),
            key: 'where',
            render: (_, entry) => (
              <Space size={4} wrap>
                <Typography.Text code>{where(entry)}</Typography.Text>
                {entry.s3?.secretSet && <Tag>{t('backups.destinations.secretSet')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('backups.created'),
            key: 'created',
            render: (_, entry) => format.dateTime(entry.createdAt),
          },
          {
            title: '',
            key: 'actions',
            render: (_, entry) => (
              <Flex vertical gap={4}>
                <Space size={4}>
                  <Button
                    size="small"
                    loading={test.isPending && test.variables === entry.name}
                    onClick={() => test.mutate(entry.name)}
                  >
                    {t('backups.destinations.test')}
                  </Button>
                  <Button size="small" onClick={() => setEditing({ destination: entry })}>
                    {t('backups.edit')}
                  </Button>
                  <Button size="small" danger onClick={() => confirmRemove(entry)}>
                    {t('backups.delete')}
                  </Button>
                </Space>
                {tested[entry.name] && (
                  <Alert
                    type={tested[entry.name]?.ok ? 'success' : 'error'}
                    showIcon
                    data-test-result={tested[entry.name]?.ok ? 'ok' : 'failed'}
                    title={
                      tested[entry.name]?.ok
                        ? t('backups.destinations.testOk')
                        : t('backups.destinations.testFailed')
                    }
                    description={tested[entry.name]?.message}
                    style={{ maxWidth: 420 }}
                  />
                )}
              </Flex>
            ),
          },
        ]}
      />
      <DestinationDrawer
        open={Boolean(editing)}
        destination={editing?.destination}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}
