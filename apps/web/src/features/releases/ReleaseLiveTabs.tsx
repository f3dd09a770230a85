import { useQuery } from '@tanstack/react-query';
import { Empty, Flex, Select, Skeleton, Table, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { type LiveReleaseStatus, liveReleaseApi, type ReleaseRef } from './releases-api.ts';

/** Text as helm gives it (YAML, notes), in a scrolling block in the theme's colours. */
function TextBlock({ text, label }: { text: string; label: string }) {
  const { token } = theme.useToken();
  return (
    <pre
      data-text={label}
      style={{
        margin: 0,
        maxHeight: 520,
        overflow: 'auto',
        padding: token.paddingSM,
        background: token.colorFillTertiary,
        borderRadius: token.borderRadius,
        fontFamily: token.fontFamilyCode,
        fontSize: token.fontSizeSM,
      }}
    >
      {text}
    </pre>
  );
}

/** The objects the release owns and whether each is ready, read live from the cluster as the caller. */
export function ReleaseResourcesTab({ release }: { release: ReleaseRef }) {
  const { t, format } = useI18n();
  const status = useQuery({
    queryKey: ['releases', 'live', 'status', release],
    queryFn: () => liveReleaseApi.status(release),
  });
  if (status.error) return <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data) return <Skeleton active />;
  const { readiness, resources, notes } = status.data;
  return (
    <Flex vertical gap={12}>
      <Typography.Text>
        {t('releases.live.readiness', {
          ready: format.number(readiness.ready),
          total: format.number(readiness.total),
        })}
      </Typography.Text>
      <Table<LiveReleaseStatus['resources'][number]>
        size="small"
        rowKey={(row) => `${row.apiVersion}/${row.kind}/${row.namespace ?? ''}/${row.name}`}
        dataSource={resources}
        pagination={false}
        columns={[
          { title: t('releases.live.kind'), key: 'kind', render: (_, row) => row.kind },
          { title: t('releases.col.namespace'), key: 'namespace', render: (_, row) => row.namespace ?? '–' },
          { title: t('releases.col.name'), key: 'name', render: (_, row) => row.name },
          {
            title: t('releases.col.status'),
            key: 'ready',
            render: (_, row) =>
              !row.found ? (
                <Tag color="warning">{t('releases.live.missing')}</Tag>
              ) : (
                <Tag color={row.ready ? 'success' : 'processing'}>
                  {row.phase ?? (row.ready ? t('releases.live.ready') : t('releases.live.notReady'))}
                </Tag>
              ),
          },
        ]}
      />
      {notes ? <TextBlock text={notes} label={t('releases.live.notes')} /> : null}
    </Flex>
  );
}

/** Values or manifest of one revision, chosen from the stored revisions. */
export function ReleaseRevisionText({
  release,
  revisions,
  what,
}: {
  release: ReleaseRef;
  revisions: number[];
  what: 'values' | 'manifest';
}) {
  const { t } = useI18n();
  const [revision, setRevision] = useState(revisions[0] ?? 1);
  const text = useQuery({
    queryKey: ['releases', 'live', what, release, revision],
    queryFn: async () =>
      what === 'values'
        ? (await liveReleaseApi.values(release, revision)).yaml
        : (await liveReleaseApi.manifest(release, revision)).manifest,
  });
  const label = t(what === 'values' ? 'releases.live.values' : 'releases.live.manifest');
  return (
    <Flex vertical gap={8}>
      <Select
        style={{ width: 200 }}
        aria-label={t('releases.col.revision')}
        value={revision}
        onChange={setRevision}
        options={revisions.map((value) => ({
          value,
          label: t('releases.live.revision', { revision: value }),
        }))}
      />
      {text.error && <ErrorNotice error={text.error} onRetry={() => void text.refetch()} />}
      {text.isPending && <Skeleton active />}
      {text.data !== undefined &&
        (!['', '{}', 'null'].includes(text.data.trim()) ? (
          <TextBlock text={text.data} label={label} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('releases.live.none')} />
        ))}
    </Flex>
  );
}
