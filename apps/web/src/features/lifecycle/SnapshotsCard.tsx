import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { describeCron } from '../create/cron-reading.ts';
import {
  lifecycleApi,
  lifecycleKeys,
  lifecyclePaths,
  type ManagedCluster,
  type Snapshot,
} from './lifecycle-api.ts';

/** The schedule in words, or the form that changes it (cron read out as typed, and how many to keep). */
function Schedule({ cluster, writable }: { cluster: ManagedCluster; writable: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ cron: string; keep: number }>();
  const cron = Form.useWatch('cron', form);
  const reading = cron?.trim() ? describeCron(cron, 'UTC', t, locale) : undefined;
  const current = cluster.snapshotSchedule;
  const save = useMutation({
    mutationFn: (schedule: { cron: string; keep: number } | { cron: null }) =>
      lifecycleApi.schedule(cluster.name, schedule),
    onSuccess: (next) => {
      queryClient.setQueryData(lifecycleKeys.cluster(cluster.name), next);
      message.success(t('lifecycle.snap.scheduleSaved'));
      setEditing(false);
    },
    onError: (error) => form.setFields([{ name: 'cron', errors: [error.message] }]),
  });

  if (!editing) {
    const read = current ? describeCron(current.cron, 'UTC', t, locale) : undefined;
    return (
      <Flex gap={8} align="center" wrap data-testid="snapshot-schedule">
        <Typography.Text strong>{t('lifecycle.snap.schedule')}:</Typography.Text>
        <Typography.Text>
          {current
            ? t('lifecycle.snap.scheduleOn', {
                reading: read?.ok ? read.text : current.cron,
                keep: current.keep,
              })
            : t('lifecycle.snap.scheduleOff')}
        </Typography.Text>
        {current && (
          <Typography.Text type="secondary" code>
            {current.cron}
          </Typography.Text>
        )}
        {writable && (
          <Button
            size="small"
            onClick={() => {
              form.setFieldsValue(current ?? { cron: '0 */6 * * *', keep: 7 });
              setEditing(true);
            }}
          >
            {t('lifecycle.snap.editSchedule')}
          </Button>
        )}
      </Flex>
    );
  }
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(values) => save.mutate({ cron: values.cron.trim(), keep: values.keep })}
      style={{ rowGap: 8 }}
    >
      <Form.Item
        label={t('lifecycle.snap.cron')}
        name="cron"
        tooltip={t('lifecycle.snap.cronHelp')}
        extra={reading && <span data-schedule-reading>{reading.ok ? reading.text : reading.problem}</span>}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              const read = describeCron(value ?? '', 'UTC', t, locale);
              if (!read.ok) throw new Error(read.problem);
            },
          },
        ]}
      >
        <Input style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label={t('lifecycle.snap.keep')} name="keep" tooltip={t('lifecycle.snap.keepHelp')}>
        <InputNumber min={1} max={100} precision={0} style={{ width: 80 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('lifecycle.snap.saveSchedule')}
        </Button>
        {current && (
          <Button danger loading={save.isPending} onClick={() => save.mutate({ cron: null })}>
            {t('lifecycle.snap.turnOff')}
          </Button>
        )}
        <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** etcd snapshots: list, take one now, the schedule, restore (stating plainly what is lost). */
export function SnapshotsCard({
  cluster,
  writable,
  busy,
}: {
  cluster: ManagedCluster;
  writable: boolean;
  busy: boolean;
}) {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const snapshots = useQuery({
    queryKey: lifecycleKeys.snapshots(cluster.name),
    queryFn: () => lifecycleApi.snapshots(cluster.name),
  });
  const started = (operation: { id: string }) => {
    void queryClient.invalidateQueries({ queryKey: lifecycleKeys.all });
    navigate(lifecyclePaths.operation(operation.id));
  };
  const refused = (error: Error) => void message.error(t('lifecycle.refused', { reason: error.message }));
  const take = useMutation({
    mutationFn: () => lifecycleApi.takeSnapshot(cluster.name),
    onSuccess: started,
    onError: refused,
  });
  const restore = useMutation({
    mutationFn: (id: string) => lifecycleApi.restore(cluster.name, id),
    onSuccess: started,
    onError: refused,
  });
  const confirmRestore = (snapshot: Snapshot) => {
    const at = format.dateTime(snapshot.takenAt);
    modal.confirm({
      title: t('lifecycle.snap.restoreTitle', { name: cluster.name, at }),
      content: t('lifecycle.snap.restoreBody', { at, version: snapshot.version }),
      okText: t('lifecycle.snap.restoreOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => restore.mutateAsync(snapshot.id),
    });
  };

  return (
    <Card
      size="small"
      id="snapshots"
      title={t('lifecycle.snapshots')}
      extra={
        writable && (
          <Button size="small" disabled={busy} loading={take.isPending} onClick={() => take.mutate()}>
            {t('lifecycle.snap.take')}
          </Button>
        )
      }
    >
      <Flex vertical gap={8}>
        <Schedule cluster={cluster} writable={writable} />
        {snapshots.error && <ErrorNotice error={snapshots.error} onRetry={() => void snapshots.refetch()} />}
        <Table<Snapshot>
          size="small"
          rowKey="id"
          loading={snapshots.isPending}
          dataSource={snapshots.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.snap.empty')} />,
          }}
          columns={[
            {
              title: t('lifecycle.snap.takenAt'),
              key: 'at',
              render: (_, snapshot) => <span title={snapshot.id}>{format.dateTime(snapshot.takenAt)}</span>,
            },
            { title: t('lifecycle.version'), dataIndex: 'version', key: 'version' },
            {
              title: t('lifecycle.snap.reason'),
              key: 'reason',
              render: (_, snapshot) => t(`lifecycle.snap.reason.${snapshot.reason}`),
            },
            {
              title: t('lifecycle.snap.size'),
              key: 'size',
              align: 'right',
              render: (_, snapshot) => format.bytes(snapshot.sizeBytes),
            },
            {
              title: '',
              key: 'actions',
              render: (_, snapshot) =>
                writable && (
                  <Button size="small" danger disabled={busy} onClick={() => confirmRestore(snapshot)}>
                    {t('lifecycle.snap.restore')}
                  </Button>
                ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
