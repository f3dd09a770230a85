import { Alert, Button, Card, Flex, Tabs } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { HelmJob, ReleasePreview } from './helm-actions-api.ts';
import { helmErrorText } from './helm-error-text.ts';
import { JobRun } from './JobRun.tsx';
import { PreviewObjects } from './PreviewObjects.tsx';

export type Preview = { cluster: string; preview?: ReleasePreview; error?: unknown };
export type Outcome = { cluster: string; namespace: string; job?: HelmJob; error?: string };

/** Step two: what each cluster would get, before anything runs. */
export function PreviewStep(props: {
  previews: Preview[];
  count: number;
  busy: boolean;
  onBack: () => void;
  onInstall: () => void;
}) {
  const { t } = useI18n();
  const { previews, busy } = props;
  return (
    <Flex vertical gap={12}>
      <Tabs
        items={previews.map((answer) => ({
          key: answer.cluster,
          label: answer.cluster,
          children: (
            <Card size="small" title={t('helmActions.previewTitle', { cluster: answer.cluster })}>
              {answer.preview ? (
                <PreviewObjects preview={answer.preview} />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  title={t('helmActions.refused', {
                    cluster: answer.cluster,
                    reason: answer.error ? helmErrorText(t, answer.error) : '',
                  })}
                />
              )}
            </Card>
          ),
        }))}
      />
      <Flex justify="space-between">
        <Button onClick={props.onBack}>{t('helmActions.back')}</Button>
        <Button type="primary" loading={busy} onClick={props.onInstall}>
          {props.count > 1 ? t('helmActions.installOn', { count: props.count }) : t('helmActions.installNow')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** Step three: each cluster's job, live, or why that cluster refused. */
export function OutcomesStep(props: { outcomes: Outcome[]; onFix: () => void }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12} data-testid="install-outcomes">
      {props.outcomes.map((outcome) =>
        outcome.job ? (
          <JobRun key={outcome.cluster} job={outcome.job} />
        ) : (
          <Alert
            key={outcome.cluster}
            type="error"
            showIcon
            data-cluster={outcome.cluster}
            title={t('helmActions.refused', { cluster: outcome.cluster, reason: outcome.error ?? '' })}
          />
        ),
      )}
      <Flex justify="end" gap={8}>
        <Button onClick={props.onFix}>{t('helmActions.fix')}</Button>
      </Flex>
    </Flex>
  );
}
