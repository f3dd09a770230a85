import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Space, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { type WorkloadRef, workloadsApi } from './workloads-api.ts';

/**
 * While a rollout runs (the view says Progressing), where it stands: asked every two seconds from
 * GET …/rollout until it is done.
 */
export function RolloutProgress({ workload, running }: { workload: WorkloadRef; running: boolean }) {
  const { t, format } = useI18n();
  const rollout = useQuery({
    queryKey: ['workloads', 'rollout', workload],
    queryFn: () => workloadsApi.rollout(workload),
    enabled: running,
    refetchInterval: (query) => (query.state.data?.done ? false : 2_000),
  });
  const status = rollout.data;
  if (!running || !status || status.done) return null;
  const { desired, updated, ready, available } = status.replicas;
  const percent = (value: number) => (desired > 0 ? Math.round((value / desired) * 100) : 100);
  return (
    <Alert
      type="info"
      showIcon
      data-testid="rollout-progress"
      title={t('workloads.detail.rollout')}
      description={
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          <Progress
            percent={percent(available)}
            success={{ percent: percent(Math.min(updated, available)) }}
            format={() => `${format.number(available)}/${format.number(desired)}`}
          />
          <Typography.Text type="secondary">
            {t('workloads.detail.rolloutNumbers', {
              updated: format.number(updated),
              ready: format.number(ready),
              available: format.number(available),
              desired: format.number(desired),
            })}
          </Typography.Text>
        </Space>
      }
    />
  );
}
