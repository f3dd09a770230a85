import { Card, Collapse, Flex, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../app/i18n.tsx';

const CodeEditor = lazy(() => import('../editor/CodeEditor.tsx'));

type PerCluster = Record<string, string>;

/** With several clusters chosen: each one's own namespace and values, layered over the shared values. */
export function PerClusterValues(props: {
  chosen: string[];
  sharedNamespace: string;
  own: PerCluster;
  setOwn: (update: (current: PerCluster) => PerCluster) => void;
  namespaces: PerCluster;
  setNamespaces: (next: PerCluster) => void;
  schema: object | null | undefined;
}) {
  const { t } = useI18n();
  const { chosen, sharedNamespace, own, setOwn, namespaces, setNamespaces } = props;
  if (chosen.length <= 1) return null;
  return (
    <Card size="small" title={t('helmActions.perCluster')} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('helmActions.perClusterHelp')}</Typography.Paragraph>
      <Collapse
        size="small"
        items={chosen.map((cluster) => ({
          key: cluster,
          label: (
            <Space>
              {cluster}
              {own[cluster]?.trim() ? <Tag color="blue">{t('helmActions.values')}</Tag> : null}
              {namespaces[cluster]?.trim() ? <Tag>{namespaces[cluster]}</Tag> : null}
            </Space>
          ),
          children: (
            <Flex vertical gap={8}>
              <Input
                addonBefore={t('helmActions.namespaceOn', { cluster })}
                placeholder={sharedNamespace}
                value={namespaces[cluster] ?? ''}
                onChange={(event) => setNamespaces({ ...namespaces, [cluster]: event.target.value })}
                style={{ maxWidth: 480 }}
              />
              <Suspense fallback={<Skeleton active />}>
                <CodeEditor
                  label={`${t('helmActions.values')} ${cluster}`}
                  value={own[cluster] ?? ''}
                  onChange={(next) => setOwn((current) => ({ ...current, [cluster]: next }))}
                  schema={props.schema ?? undefined}
                  height={160}
                />
              </Suspense>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
