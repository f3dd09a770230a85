import { Alert, Button, Card, Flex, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { JobStateTag } from '../jobs/JobStateTag.tsx';
import { JobSteps } from '../jobs/JobSteps.tsx';
import { jobErrorText } from '../jobs/job-words.ts';
import type { JobView } from '../jobs/jobs-api.ts';
import { releasePath } from '../releases/releases-api.ts';
import type { HelmJob } from './helm-actions-api.ts';

export interface JobRunProps {
  job: HelmJob;
  /** Called once with the job as it ended. */
  onEnd?: (job: JobView) => void;
  /** A card per cluster (install on several); one job alone goes without the frame. */
  framed?: boolean;
}

/** One Helm job as it runs: its steps live, then its outcome with the way to the release. */
export function JobRun({ job, onEnd, framed = true }: JobRunProps) {
  const { t } = useI18n();
  const [ended, setEnded] = useState<JobView>();
  const state = ended?.state ?? job.state;
  const release =
    job.cluster && job.namespace && job.target
      ? { cluster: job.cluster, namespace: job.namespace, name: job.target }
      : undefined;
  const body = (
    <Flex vertical gap={8} data-job={job.id} data-cluster={job.cluster} data-state={state}>
      <JobSteps
        jobId={job.id}
        kind={job.kind}
        onEnd={(done) => {
          setEnded(done);
          onEnd?.(done);
        }}
      />
      {ended?.error && (
        <Alert
          type={ended.state === 'cancelled' ? 'warning' : 'error'}
          showIcon
          title={<span data-testid="job-reason">{jobErrorText(t, ended)}</span>}
        />
      )}
      <Space wrap>
        {state === 'succeeded' && release && job.kind !== 'helm.uninstall' && (
          <Link to={releasePath(release)}>
            <Button type="primary">{t('helmActions.openRelease')}</Button>
          </Link>
        )}
        <Link to={`/operations/${encodeURIComponent(job.id)}`}>
          <Button>{t('helmActions.openOperation')}</Button>
        </Link>
      </Space>
    </Flex>
  );
  if (!framed) return body;
  return (
    <Card
      size="small"
      title={`${job.cluster ?? ''} / ${job.namespace ?? ''} / ${job.target ?? ''}`}
      extra={<JobStateTag state={state} />}
    >
      {body}
    </Card>
  );
}
