import type { Revision } from '@portolan/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Select, Space, Table, Tag, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { type WorkloadRef, workloadsApi } from './workloads-api.ts';

/** A unified diff, each line coloured by what it does (added, removed, context). */
function UnifiedDiff({ text }: { text: string }) {
  const { token } = theme.useToken();
  const colour = (line: string) => {
    if (line.startsWith('+') && !line.startsWith('+++'))
      return { background: token.colorSuccessBg, color: token.colorSuccessText };
    if (line.startsWith('-') && !line.startsWith('---'))
      return { background: token.colorErrorBg, color: token.colorErrorText };
    if (line.startsWith('@@')) return { color: token.colorInfoText };
    return { color: token.colorText };
  };
  return (
    <pre
      data-testid="revision-diff"
      style={{
        margin: 0,
        padding: 8,
        maxHeight: 480,
        overflow: 'auto',
        fontSize: 12,
        background: token.colorFillQuaternary,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
      }}
    >
      {text.split('\n').map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed text, in order
        <div key={index} style={colour(line)}>
          {line || ' '}
        </div>
      ))}
    </pre>
  );
}

/** Kept revisions of a Deployment, StatefulSet or DaemonSet: compare any two, roll back to one. */
export function RevisionsPanel({ workload, canWrite }: { workload: WorkloadRef; canWrite: boolean }) {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const now = Date.now();
  const revisions = useQuery({
    queryKey: ['workloads', 'revisions', workload],
    queryFn: () => workloadsApi.revisions(workload),
  });
  const items = revisions.data?.items ?? [];
  const current = items.find((item) => item.current)?.revision ?? items.at(-1)?.revision;
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const to = picked.to ?? current;
  const from = picked.from ?? items.filter((item) => item.revision !== to).at(-1)?.revision;
  const diff = useQuery({
    queryKey: ['workloads', 'diff', workload, from, to],
    queryFn: () => workloadsApi.diff(workload, from ?? 0, to ?? 0),
    enabled: from !== undefined && to !== undefined && from !== to,
  });

  const rollBack = (revision: number) =>
    modal.confirm({
      title: t('workloads.rev.rollbackTitle', { name: workload.name, revision }),
      content: t('workloads.rev.rollbackText', { revision }),
      okText: t('workloads.rev.rollback'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const answer = await workloadsApi.rollback(workload, revision);
          message.success(
            t(answer.changed ? 'workloads.rev.rolledBack' : 'workloads.rev.unchanged', {
              name: workload.name,
              revision,
            }),
          );
          setPicked({});
          void queryClient.invalidateQueries({ queryKey: ['workloads'] });
        } catch (error) {
          message.error(error instanceof Error ? error.message : String(error));
        }
      },
    });

  if (revisions.error)
    return <ErrorNotice error={revisions.error} onRetry={() => void revisions.refetch()} />;
  const options = items.map((item) => ({ value: item.revision, label: String(item.revision) }));
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Table<Revision>
          size="small"
          rowKey="revision"
          loading={revisions.isPending}
          dataSource={[...items].reverse()}
          pagination={false}
          locale={{ emptyText: t('workloads.rev.none') }}
          columns={[
            {
              title: t('workloads.rev.revision'),
              key: 'revision',
              render: (_, item) => (
                <Space size={4} data-revision={item.revision}>
                  {item.revision}
                  {item.current && <Tag color="green">{t('workloads.rev.current')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('workloads.rev.images'),
              key: 'images',
              render: (_, item) => (
                <Space size={[4, 4]} wrap>
                  {item.images.map((image) => (
                    <Typography.Text code key={image}>
                      {image}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
            {
              title: t('workloads.rev.created'),
              key: 'created',
              render: (_, item) =>
                item.createdAt ? (
                  <Tooltip title={format.dateTime(item.createdAt)}>{format.ago(item.createdAt, now)}</Tooltip>
                ) : (
                  '–'
                ),
            },
            {
              title: t('workloads.rev.changeCause'),
              key: 'cause',
              render: (_, item) => item.changeCause ?? '–',
            },
            { title: t('workloads.rev.source'), key: 'source', render: (_, item) => item.source },
            ...(canWrite
              ? [
                  {
                    title: '',
                    key: 'actions',
                    render: (_: unknown, item: Revision) =>
                      !item.current && (
                        <Button size="small" onClick={() => rollBack(item.revision)}>
                          {t('workloads.rev.rollback')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {items.length > 1 && (
        <Card size="small" title={t('workloads.rev.compare')}>
          <Flex vertical gap={8}>
            <Space wrap>
              <Typography.Text>{t('workloads.rev.from')}</Typography.Text>
              <Select
                aria-label={t('workloads.rev.from')}
                style={{ width: 100 }}
                value={from}
                options={options}
                onChange={(value) => setPicked({ from: value, to })}
              />
              <Typography.Text>{t('workloads.rev.to')}</Typography.Text>
              <Select
                aria-label={t('workloads.rev.to')}
                style={{ width: 100 }}
                value={to}
                options={options}
                onChange={(value) => setPicked({ from, to: value })}
              />
            </Space>
            {diff.error && <ErrorNotice error={diff.error} />}
            {from === to ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workloads.rev.same')} />
            ) : diff.data ? (
              diff.data.diff.trim() ? (
                <UnifiedDiff text={diff.data.diff} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workloads.rev.same')} />
              )
            ) : null}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
