import { Alert, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { describeCron } from './cron-reading.ts';
import { STRATEGY_TYPES, type WorkloadFormValues } from './workload-form.ts';
import type { WorkloadKind } from './workload-spec.ts';

const INT_OR_PERCENT = /^\d+%?$/;
const isZero = (value: string | undefined) => /^0+%?$/.test(value?.trim() ?? '');

/** How a Deployment, StatefulSet or DaemonSet replaces its pods on a change. */
export function StrategyFields({ kind }: { kind: WorkloadKind }) {
  const { t } = useI18n();
  const types = STRATEGY_TYPES[kind] ?? [];
  const type = Form.useWatch(['strategy', 'type']) as string | undefined;
  const rolling = !type || type === 'RollingUpdate';
  const intOrPercent = { pattern: INT_OR_PERCENT, message: t('create.strategy.intOrPercent') };
  return (
    <Space wrap align="start">
      <Form.Item label={t('create.strategy.type')} name={['strategy', 'type']}>
        <Select
          allowClear
          style={{ width: 300 }}
          placeholder={t('create.strategy.default')}
          options={types.map((value) => ({ value, label: t(`create.strategy.${value}`) }))}
        />
      </Form.Item>
      {rolling && kind !== 'StatefulSet' && (
        <Form.Item
          label={t('create.strategy.maxSurge')}
          tooltip={t('create.strategy.maxSurgeHelp')}
          name={['strategy', 'maxSurge']}
          rules={[intOrPercent]}
        >
          <Input style={{ width: 110 }} placeholder="25%" />
        </Form.Item>
      )}
      {rolling && (
        <Form.Item
          label={t('create.strategy.maxUnavailable')}
          tooltip={t('create.strategy.maxUnavailableHelp')}
          name={['strategy', 'maxUnavailable']}
          dependencies={[['strategy', 'maxSurge']]}
          rules={[
            intOrPercent,
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                kind !== 'StatefulSet' && isZero(value) && isZero(getFieldValue(['strategy', 'maxSurge']))
                  ? Promise.reject(new Error(t('create.strategy.bothZero')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input style={{ width: 110 }} placeholder={kind === 'Deployment' ? '25%' : '1'} />
        </Form.Item>
      )}
      {rolling && kind === 'StatefulSet' && (
        <Form.Item
          label={t('create.strategy.partition')}
          tooltip={t('create.strategy.partitionHelp')}
          name={['strategy', 'partition']}
          rules={[{ type: 'integer', min: 0, message: t('create.replicasInvalid') }]}
        >
          <InputNumber style={{ width: 110 }} placeholder="0" />
        </Form.Item>
      )}
    </Space>
  );
}

/** A number field with its help in the tooltip and a lower bound. */
function Count({
  name,
  label,
  help,
  min,
}: {
  name: (string | number)[];
  label: string;
  help: string;
  min: number;
}) {
  const { t } = useI18n();
  return (
    <Form.Item
      label={label}
      tooltip={help}
      name={name}
      rules={[{ type: 'integer', min, message: t('create.replicasInvalid') }]}
    >
      <InputNumber style={{ width: 130 }} min={min} />
    </Form.Item>
  );
}

/** How a Job (or each job of a CronJob) runs: how many, how often retried, how long, and kept. */
export function JobFields() {
  const { t } = useI18n();
  return (
    <Space wrap align="start">
      <Count
        name={['job', 'completions']}
        label={t('create.job.completions')}
        help={t('create.job.completionsHelp')}
        min={1}
      />
      <Count
        name={['job', 'parallelism']}
        label={t('create.job.parallelism')}
        help={t('create.job.parallelismHelp')}
        min={0}
      />
      <Count
        name={['job', 'backoffLimit']}
        label={t('create.job.backoffLimit')}
        help={t('create.job.backoffLimitHelp')}
        min={0}
      />
      <Count
        name={['job', 'activeDeadlineSeconds']}
        label={t('create.job.activeDeadlineSeconds')}
        help={t('create.job.activeDeadlineHelp')}
        min={1}
      />
      <Count
        name={['job', 'ttlSecondsAfterFinished']}
        label={t('create.job.ttlSecondsAfterFinished')}
        help={t('create.job.ttlHelp')}
        min={0}
      />
      <Form.Item
        label={t('create.job.restartPolicy')}
        tooltip={t('create.job.restartPolicyHelp')}
        name="restartPolicy"
      >
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder="Never"
          options={['Never', 'OnFailure'].map((value) => ({ value, label: value }))}
        />
      </Form.Item>
    </Space>
  );
}

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone !== 'Local';
  } catch {
    return false;
  }
};

/** When a CronJob runs, read back in words, and what it does with late and overlapping runs. */
export function CronFields() {
  const { t, locale } = useI18n();
  const cron = Form.useWatch('cron') as WorkloadFormValues['cron'];
  const reading = cron?.schedule?.trim() ? describeCron(cron.schedule, cron.timeZone, t, locale) : undefined;
  return (
    <>
      <Space wrap align="start">
        <Form.Item
          label={t('create.schedule')}
          name={['cron', 'schedule']}
          tooltip={t('create.scheduleHelp')}
          rules={[
            { required: true, message: t('create.required') },
            {
              validator: (_, value: string | undefined) => {
                if (!value?.trim()) return Promise.resolve();
                const read = describeCron(value, undefined, t, locale);
                return read.ok ? Promise.resolve() : Promise.reject(new Error(read.problem));
              },
            },
          ]}
        >
          <Input style={{ width: 200 }} placeholder="*/5 * * * *" />
        </Form.Item>
        <Form.Item
          label={t('create.cron.timeZone')}
          tooltip={t('create.cron.timeZoneHelp')}
          name={['cron', 'timeZone']}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                !value?.trim() || isTimeZone(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('create.cron.timeZoneInvalid'))),
            },
          ]}
        >
          <Input style={{ width: 180 }} placeholder="Asia/Shanghai" />
        </Form.Item>
        <Form.Item label={t('create.cron.concurrencyPolicy')} name={['cron', 'concurrencyPolicy']}>
          <Select
            allowClear
            style={{ width: 300 }}
            placeholder={t('create.cron.Allow')}
            options={(['Allow', 'Forbid', 'Replace'] as const).map((value) => ({
              value,
              label: t(`create.cron.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name={['cron', 'suspend']} valuePropName="checked" label=" " colon={false}>
          <Checkbox>{t('create.cron.suspend')}</Checkbox>
        </Form.Item>
      </Space>
      {reading?.ok && (
        <Alert
          type="info"
          showIcon
          data-cron-reading
          style={{ marginBottom: 12 }}
          title={
            <>
              <Typography.Text type="secondary">{t('create.cron.reads')}: </Typography.Text>
              {reading.text}
            </>
          }
        />
      )}
      <Space wrap align="start">
        <Count
          name={['cron', 'startingDeadlineSeconds']}
          label={t('create.cron.startingDeadlineSeconds')}
          help={t('create.cron.startingDeadlineHelp')}
          min={0}
        />
        <Count
          name={['cron', 'successfulJobsHistoryLimit']}
          label={t('create.cron.successfulJobsHistoryLimit')}
          help={t('create.cron.historyHelp')}
          min={0}
        />
        <Count
          name={['cron', 'failedJobsHistoryLimit']}
          label={t('create.cron.failedJobsHistoryLimit')}
          help={t('create.cron.historyHelp')}
          min={0}
        />
      </Space>
    </>
  );
}
