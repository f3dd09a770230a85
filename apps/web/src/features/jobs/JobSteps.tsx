import { Alert, Empty, Flex, Spin, Timeline, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { stepText } from './job-words.ts';
import type { JobStepView, JobView } from './jobs-api.ts';
import { useJobSteps } from './use-job-steps.ts';

const LEVEL_COLOR: Record<JobStepView['level'], string> = { info: 'blue', warning: 'orange', error: 'red' };

export interface JobStepsProps {
  jobId: string;
  /** The job's kind (`helm.install`), so a step says what this kind of job does. */
  kind?: string;
  /** Called once when the job has ended (a Helm page reloads the release then). */
  onEnd?: (job: JobView) => void;
  /** A feature's own words for a step (the operation page's); undefined: the jobs' words. */
  words?: (step: JobStepView) => string | undefined;
  /** The list's test id (`job-steps` by default). */
  testId?: string;
}

/**
 * The steps of one job as a timeline, streaming while it runs, each in the reader's language. Helm
 * pages embed it to show an install or upgrade as it goes; the job page shows it whole; a lifecycle
 * operation's page shows its run with its own words for its steps.
 */
export function JobSteps({ jobId, kind = '', onEnd, words, testId = 'job-steps' }: JobStepsProps) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const { steps, status, problem } = useJobSteps(jobId, onEnd);
  const time = useMemo(() => new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }), [locale]);
  const running = status === 'connecting' || status === 'live' || status === 'reconnecting';

  if (status === 'connecting' && steps.length === 0)
    return (
      <Flex justify="center" style={{ padding: 16 }}>
        <Spin />
      </Flex>
    );
  return (
    <Flex vertical gap={8} data-testid={testId}>
      {status === 'reconnecting' && <Alert type="warning" showIcon title={t('jobs.reconnecting')} />}
      {status === 'stopped' && problem && (
        <Alert type="warning" showIcon title={t('jobs.streamEnded', { reason: problem })} />
      )}
      {steps.length === 0 && !running ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.noSteps')} />
      ) : (
        <Timeline
          items={[
            ...steps.map((step) => ({
              key: step.seq,
              color: LEVEL_COLOR[step.level],
              content: (
                <Flex gap={12} align="baseline" data-seq={step.seq} data-code={step.code}>
                  <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, minWidth: 64 }}>
                    <span title={step.at}>{time.format(new Date(step.at))}</span>
                  </Typography.Text>
                  <Typography.Text
                    type={
                      step.level === 'error' ? 'danger' : step.level === 'warning' ? 'warning' : undefined
                    }
                    style={{ wordBreak: 'break-word' }}
                  >
                    {words?.(step) ?? stepText(t, step, kind)}
                  </Typography.Text>
                </Flex>
              ),
            })),
            ...(running
              ? [
                  {
                    key: 'live',
                    loading: true,
                    content: <Typography.Text type="secondary">{t('jobs.live')}</Typography.Text>,
                  },
                ]
              : []),
          ]}
        />
      )}
    </Flex>
  );
}
