import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { lifecycleApi, lifecycleKeys, lifecyclePaths } from './lifecycle-api.ts';

/** "Create cluster" beside "Add a cluster" on the clusters list (the caller checks lifecycle:write). */
export function CreateClusterButton() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return <Button onClick={() => navigate(lifecyclePaths.create)}>{t('lifecycle.create')}</Button>;
}

/**
 * On a registered cluster's page: a way to its lifecycle page when Portolan created it. Imported
 * clusters (not in the created list) show nothing.
 */
export function ManagedClusterLink({ cluster }: { cluster: string }) {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const allowed = can('lifecycle:read', { cluster });
  const created = useQuery({
    queryKey: lifecycleKeys.clusters,
    queryFn: lifecycleApi.clusters,
    enabled: allowed,
    staleTime: 30_000,
  });
  if (!allowed || !created.data?.items.some((each) => each.name === cluster)) return null;
  return (
    <Button onClick={() => navigate(lifecyclePaths.cluster(cluster))} data-lifecycle-link={cluster}>
      {t('lifecycle.open')}
    </Button>
  );
}
