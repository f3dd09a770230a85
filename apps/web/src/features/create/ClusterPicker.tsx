import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { useI18n } from '../../app/i18n.tsx';

/** The cluster a create page works on, kept in `?cluster=` (the first cluster when none is named). */
export function useChosenCluster(): [string | undefined, (cluster: string) => void] {
  const [params, setParams] = useSearchParams();
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, staleTime: 10_000 });
  const chosen = params.get('cluster') ?? undefined;
  const first = clusters.data?.items[0]?.name;
  const set = (cluster: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('cluster', cluster);
        return next;
      },
      { replace: true },
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: set only changes the address
  useEffect(() => {
    if (!chosen && first) set(first);
  }, [chosen, first]);
  return [chosen, set];
}

/** A cluster choice that marks clusters not Ready: what is sent there may wait or fail. */
export function ClusterPicker({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, staleTime: 10_000 });
  return (
    <Select
      aria-label={t('create.cluster')}
      style={{ minWidth: 220 }}
      loading={clusters.isLoading}
      value={value}
      onChange={onChange}
      options={(clusters.data?.items ?? []).map((cluster) => ({
        value: cluster.name,
        label: (
          <span>
            {cluster.name}{' '}
            {cluster.status !== 'Ready' && <Tag color="warning">{t(`status.${cluster.status}`)}</Tag>}
          </span>
        ),
      }))}
    />
  );
}
