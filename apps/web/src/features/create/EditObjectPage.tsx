import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Flex, Skeleton, Typography } from 'antd';
import { Suspense } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { request } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { type KubeObject, ObjectYamlEditor } from '../editor/index.ts';

const enc = encodeURIComponent;

/**
 * `/clusters/{cluster}/edit?kind=&namespace=&name=`: any object read live from its cluster, edited as
 * YAML, its change reviewed as the cluster's dry run and applied. Pages link here for "Edit YAML".
 */
export default function EditObjectPage() {
  const { t } = useI18n();
  const can = useCan();
  const queryClient = useQueryClient();
  const cluster = useParams().cluster ?? '';
  const [params] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const name = params.get('name') ?? '';
  const namespace = params.get('namespace') ?? undefined;
  const key = ['edit-object', cluster, kind, namespace, name];
  const live = useQuery({
    queryKey: key,
    queryFn: () =>
      request<KubeObject>(
        'GET',
        `/api/v1/clusters/${enc(cluster)}/resources/${enc(kind)}/${enc(name)}${namespace ? `?namespace=${enc(namespace)}` : ''}`,
      ),
    enabled: Boolean(kind && name),
    // The editor holds the user's text; a background refetch must not replace the original under it.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const mayWrite = can('resources:write', namespace ? { cluster, namespace } : { cluster });
  const label = `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('create.editTitle', { object: label, cluster })}
      </Typography.Title>
      {!mayWrite && <Alert type="info" showIcon title={t('create.readOnly')} />}
      {live.error ? (
        <ErrorNotice error={live.error} onRetry={() => void live.refetch()} />
      ) : !live.data ? (
        <Skeleton active paragraph={{ rows: 14 }} />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 14 }} />}>
          <ObjectYamlEditor
            // A new version read after an apply starts the editor afresh from it.
            key={String(live.data.metadata?.resourceVersion)}
            cluster={cluster}
            object={live.data}
            readOnly={!mayWrite}
            height="calc(100vh - 220px)"
            onApplied={() => void queryClient.invalidateQueries({ queryKey: key })}
          />
        </Suspense>
      )}
    </Flex>
  );
}
