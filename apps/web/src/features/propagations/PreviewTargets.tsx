import { Alert, Badge, Empty, Flex, Table, Tabs, Typography } from 'antd';
import { Suspense } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { YamlDiff } from '../editor/index.ts';
import { toYaml } from '../editor/yaml-text.ts';
import { diffSides } from './diff-sides.ts';
import { propagationText, reasonText } from './propagation-text.ts';
import type { PreviewObject, PreviewTarget } from './propagations-api.ts';
import { ActionTag } from './tags.tsx';

/** Keys in order, as the server writes the YAML it diffs, so the diff's hunks fit the text. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}

/** The two sides of one object's diff. */
function sidesOf(object: PreviewObject): { original: string; modified: string } {
  const applied = object.object && object.action !== 'delete' ? toYaml(sorted(object.object)) : '';
  if (object.action === 'create') return { original: '', modified: applied };
  return diffSides(object.diff ?? '', applied);
}

const objectName = (object: PreviewObject) =>
  `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;

function TargetObjects({ target }: { target: PreviewTarget }) {
  const words = useI18n();
  const { t, format } = words;
  const error = target.error
    ? propagationText(words, { english: target.error, code: target.errorCode, params: target.errorParams })
    : undefined;
  return (
    <Flex vertical gap={8}>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('propagations.preview.refused')}
          description={<span data-preview-error={target.cluster}>{error}</span>}
        />
      )}
      {!target.error && target.objects.every((object) => object.action === 'unchanged') && (
        <Alert type="info" showIcon title={t('propagations.preview.noChange')} />
      )}
      {target.replicas !== undefined && (
        <Typography.Text type="secondary">
          {t('propagations.preview.replicas', { count: format.number(target.replicas) })}
        </Typography.Text>
      )}
      <Table<PreviewObject>
        size="small"
        pagination={false}
        rowKey={(object) => `${object.apiVersion}/${object.kind}/${object.namespace ?? ''}/${object.name}`}
        dataSource={target.objects}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('propagations.preview.noObjects')} />
          ),
        }}
        columns={[
          { title: t('propagations.col.kind'), render: (_, object) => object.kind },
          {
            title: t('propagations.col.object'),
            render: (_, object) => (
              <span data-preview-object={objectName(object)}>
                {object.namespace ? `${object.namespace}/` : ''}
                {object.name}
              </span>
            ),
          },
          {
            title: t('propagations.col.action'),
            render: (_, object) => <ActionTag action={object.action} />,
          },
          {
            title: t('propagations.col.reason'),
            render: (_, object) =>
              object.reason ? (
                <Typography.Text
                  type={object.action === 'refused' ? 'danger' : 'secondary'}
                  data-preview-reason={object.name}
                >
                  {reasonText(words, object)}
                </Typography.Text>
              ) : null,
          },
        ]}
        expandable={{
          rowExpandable: (object) => Boolean(object.object || object.diff) && object.action !== 'unchanged',
          expandedRowRender: (object) => {
            const sides = sidesOf(object);
            const lines = Math.max(sides.original.split('\n').length, sides.modified.split('\n').length);
            return (
              <Suspense fallback={<Loading />}>
                <YamlDiff
                  label={t('propagations.preview.diffLabel', {
                    object: objectName(object),
                    cluster: target.cluster,
                  })}
                  original={sides.original}
                  modified={sides.modified}
                  height={Math.min(420, 40 + 19 * lines)}
                />
              </Suspense>
            );
          },
        }}
      />
    </Flex>
  );
}

/** Per target cluster, a tab with each object's action and diff; refused clusters with their reason. */
export function PreviewTargets({ targets }: { targets: PreviewTarget[] }) {
  const { t } = useI18n();
  if (targets.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('propagations.preview.noTargets')} />;
  return (
    <Tabs
      data-testid="propagation-preview"
      items={targets.map((target) => {
        const changes = target.objects.filter((object) => object.action !== 'unchanged').length;
        const refused = Boolean(target.error) || target.objects.some((object) => object.action === 'refused');
        return {
          key: target.cluster,
          label: (
            <span data-preview-cluster={target.cluster} data-refused={refused}>
              <Badge status={refused ? 'error' : changes ? 'processing' : 'default'} /> {target.cluster}
            </span>
          ),
          children: <TargetObjects target={target} />,
        };
      })}
    />
  );
}
