import type { InspectionRunView, InspectionSeverity } from '@portolan/api';
import { Progress, Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { runErrorText } from './finding-text.ts';

const SEVERITY_COLORS: Record<InspectionSeverity, string> = {
  critical: 'error',
  warning: 'warning',
  info: 'processing',
};

export function SeverityTag({ severity }: { severity: InspectionSeverity }) {
  const { t } = useI18n();
  return <Tag color={SEVERITY_COLORS[severity]}>{t(`inspections.severity.${severity}`)}</Tag>;
}

const RUN_COLORS: Record<InspectionRunView['state'], string> = {
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
};

/** A run's state; a failed run says why on hover. */
export function RunStateTag({ run }: { run: InspectionRunView }) {
  const words = useI18n();
  const { t } = words;
  return (
    <Tooltip title={run.error ? runErrorText(words, run) : undefined}>
      <Tag color={RUN_COLORS[run.state]} data-run-state={run.state}>
        {t(`inspections.run.${run.state}`)}
      </Tag>
    </Tooltip>
  );
}

/** The colour a score is read by: good, middling, poor. */
export function scoreStatus(score: number): 'success' | 'normal' | 'exception' {
  return score >= 90 ? 'success' : score >= 60 ? 'normal' : 'exception';
}

/** A run's overall score as a small bar. */
export function ScoreBar({ run }: { run: InspectionRunView }) {
  const score = run.scores?.overall?.score;
  if (score === undefined) return <>–</>;
  return (
    <Progress
      percent={Math.round(score)}
      size="small"
      status={scoreStatus(score)}
      style={{ width: 140, margin: 0 }}
      format={(value) => `${value}`}
    />
  );
}
