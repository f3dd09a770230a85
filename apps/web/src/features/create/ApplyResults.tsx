import type { AppliedDocument, ErrorBody, PreviewedDocument } from '@portolan/api';
import { Table, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { YamlDiff } from '../editor/index.ts';
import { editable, toYaml } from '../editor/yaml-text.ts';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const COLOURS: Record<string, string> = {
  create: 'green',
  created: 'green',
  update: 'blue',
  configured: 'blue',
  unchanged: 'default',
  failed: 'red',
};

/** Tall enough for a short object's diff, and no taller than a screenful for a long one. */
const diffHeight = (object: PreviewedDocument['object']) =>
  Math.min(420, 40 + 19 * (object ? toYaml(editable(object)).split('\n').length : 0));

type Row = (PreviewedDocument | AppliedDocument) & { key: number; step: string };

/** One row per document of a dry run or an apply: what it is, what happened, why it failed; diffs beside. */
export function ApplyResults({
  cluster,
  results,
}: {
  cluster: string;
  results: PreviewedDocument[] | AppliedDocument[];
}) {
  const { t } = useI18n();
  const rows: Row[] = results.map((result, index) => ({
    ...result,
    key: index,
    step: 'action' in result ? (result.action ?? '') : 'outcome' in result ? (result.outcome ?? '') : '',
  }));
  const preview = results.some((result) => 'action' in result);
  return (
    <div data-results={preview ? 'preview' : 'apply'}>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: '#', dataIndex: 'document', width: 48 },
          { title: t('create.kind'), render: (_, row) => `${row.kind ?? ''}` },
          {
            title: t('create.object'),
            render: (_, row) => {
              const label = `${row.namespace ? `${row.namespace}/` : ''}${row.name ?? ''}`;
              const isWorkload = !preview && row.step !== 'failed' && WORKLOAD_KINDS.includes(row.kind ?? '');
              return isWorkload ? (
                <Link to={`/clusters/${cluster}/workloads/${row.kind}/${row.namespace}/${row.name}`}>
                  {label}
                </Link>
              ) : (
                label
              );
            },
          },
          {
            title: preview ? t('create.action') : t('create.outcome'),
            render: (_, row) => (
              <Tag color={COLOURS[row.step]} data-step={row.step}>
                {t(`create.step.${row.step}` as 'create.step.create')}
              </Tag>
            ),
          },
          {
            title: t('create.detail'),
            render: (_, row) => {
              const error = row.error as ErrorBody | undefined;
              if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
              return row.warnings?.length ? (
                <Typography.Text type="warning">{row.warnings.join('; ')}</Typography.Text>
              ) : null;
            },
          },
        ]}
        expandable={
          preview
            ? {
                rowExpandable: (row) =>
                  Boolean((row as PreviewedDocument).object) && row.step !== 'unchanged',
                expandedRowRender: (row) => {
                  const { live, object } = row as PreviewedDocument;
                  return (
                    <Suspense fallback={<Loading />}>
                      <YamlDiff
                        label={t('editor.diffLabel')}
                        original={live ? toYaml(editable(live)) : ''}
                        modified={object ? toYaml(editable(object)) : ''}
                        height={diffHeight(object)}
                      />
                    </Suspense>
                  );
                },
              }
            : undefined
        }
      />
    </div>
  );
}
