import { Alert, Empty, Flex, Spin, Timeline, Typography, theme } from 'antd';
import { useMemo } from 'react';
import type { MessageKey } from '../../app/en.ts';
import { type I18n, useI18n } from '../../app/i18n.tsx';
import type { JobStepView, JobView } from '../jobs/jobs-api.ts';
import { useJobSteps } from '../jobs/use-job-steps.ts';
import type { Operation } from './lifecycle-api.ts';
import { lifecycleEn } from './messages.ts';
import { titleOf } from './tags.tsx';

const LEVEL_COLOR: Record<JobStepView['level'], string> = { info: 'blue', warning: 'orange', error: 'red' };

/**
 * A log line in the reader's language: a step started or done (named by the plan's own words, with
 * what it did in the server's), or a progress line the console has words for (`lifecycle.log.*`);
 * anything else (a build's output, a new code) as the server wrote it.
 */
export function logText(t: I18n['t'], line: JobStepView, operation: Operation): string {
  const step = operation.steps.find((each) => each.id === line.params.step);
  const title = step ? titleOf(t, step) : undefined;
  if (line.code === 'lifecycle.step.started' && title) return t('lifecycle.log.started', { step: title });
  if (line.code === 'lifecycle.step.done' && title) {
    const said = /: done \((.*)\)$/s.exec(line.text)?.[1];
    return said
      ? t('lifecycle.log.doneSaid', { step: title, said })
      : t('lifecycle.log.done', { step: title });
  }
  const key = `lifecycle.log.${line.code.replace(/^lifecycle\./, '')}`;
  if (!(key in lifecycleEn)) return line.text;
  const words = lifecycleEn[key as keyof typeof lifecycleEn];
  const needs = [...words.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  return needs.every((name) => name in line.params) ? t(key as MessageKey, line.params) : line.text;
}

/** The live log of the operation's latest run (its job's steps, streamed), in the reader's language. */
export function OperationLog({
  jobId,
  operation,
  onEnd,
}: {
  jobId: string;
  operation: Operation;
  onEnd: (job: JobView) => void;
}) {
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
    <Flex vertical gap={8} data-testid="operation-log">
      {status === 'reconnecting' && <Alert type="warning" showIcon title={t('jobs.reconnecting')} />}
      {status === 'stopped' && problem && (
        <Alert type="warning" showIcon title={t('jobs.streamEnded', { reason: problem })} />
      )}
      {steps.length === 0 && !running ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.noSteps')} />
      ) : (
        <Timeline
          items={[
            ...steps.map((line) => ({
              key: line.seq,
              color: LEVEL_COLOR[line.level],
              content: (
                <Flex gap={12} align="baseline" data-seq={line.seq} data-code={line.code}>
                  <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, minWidth: 64 }}>
                    <span title={line.at}>{time.format(new Date(line.at))}</span>
                  </Typography.Text>
                  <Typography.Text
                    type={
                      line.level === 'error' ? 'danger' : line.level === 'warning' ? 'warning' : undefined
                    }
                    style={{ wordBreak: 'break-word' }}
                  >
                    {logText(t, line, operation)}
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
