import { Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { STATE_COLOR } from './job-words.ts';
import type { JobState } from './jobs-api.ts';

/** A job's state in words, coloured: running (spinning blue), succeeded, failed, cancelled. */
export function JobStateTag({ state }: { state: JobState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLOR[state]} data-state={state}>
      {t(`jobs.state.${state}`)}
    </Tag>
  );
}
