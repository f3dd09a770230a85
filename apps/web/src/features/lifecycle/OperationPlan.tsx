import { Flex, Steps, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { Operation, OperationStep, StepState } from './lifecycle-api.ts';
import { stepMessage, titleOf } from './lifecycle-words.ts';
import { betweenText, secondsText } from './tags.tsx';

const STATUS: Record<StepState, 'wait' | 'process' | 'finish' | 'error'> = {
  pending: 'wait',
  running: 'process',
  done: 'finish',
  failed: 'error',
  skipped: 'wait',
};

/** One step's state, times and timeout, and its message (what it did, or why it failed). */
function StepDetail({ step, now }: { step: OperationStep; now: number }) {
  const { t, format } = useI18n();
  const time = (iso: string) => format.dateTime(iso);
  return (
    <Flex vertical gap={2} data-step={step.id} data-step-state={step.state} style={{ paddingBottom: 6 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[
          t(`lifecycle.step.${step.state}`),
          step.startedAt ? time(step.startedAt) : undefined,
          step.startedAt && (step.finishedAt || step.state === 'running')
            ? t('lifecycle.opPage.took', { duration: betweenText(t, step.startedAt, step.finishedAt, now) })
            : undefined,
          t('lifecycle.opPage.timeout', { duration: secondsText(t, step.timeoutSeconds) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {step.message && (
        <Typography.Text type={step.state === 'failed' ? 'danger' : undefined}>
          {stepMessage(t, step)}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The operation's plan as vertical steps: done, the one running, failed, waiting, skipped. */
export function OperationPlan({ operation, now }: { operation: Operation; now: number }) {
  const { t } = useI18n();
  const current = operation.steps.findIndex((step) => step.state === 'running' || step.state === 'failed');
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={current < 0 ? operation.steps.length : current}
      items={operation.steps.map((step) => ({
        key: step.id,
        status: STATUS[step.state],
        title: (
          <Typography.Text
            delete={step.state === 'skipped'}
            type={step.state === 'skipped' ? 'secondary' : undefined}
          >
            {titleOf(t, step)}
          </Typography.Text>
        ),
        content: <StepDetail step={step} now={now} />,
      }))}
    />
  );
}
