import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Flex, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import type { MessageKey } from '../../app/en.ts';
import { useI18n } from '../../app/i18n.tsx';
import { RELEASE_STATUSES } from '../releases/ReleaseStatusTag.tsx';
import type { ReleaseRef } from '../releases/releases-api.ts';
import { type HelmJob, helmActionsApi } from './helm-actions-api.ts';
import { helmErrorText } from './helm-error-text.ts';
import { JobRun } from './JobRun.tsx';
import { UpgradeDrawer } from './UpgradeDrawer.tsx';

export interface ReleaseActionsProps {
  release: ReleaseRef;
  chart: string;
  chartVersion: string;
  revision: number;
  status: string;
}

type Action = 'upgrade' | 'rollback' | 'uninstall';

/**
 * Upgrade, Roll back and Uninstall on a release's page, for those who may write in its namespace.
 * Each confirms naming its target, then shows its job's steps live. While an operation of Portolan's
 * runs on the release, the actions wait and the page says which one runs and where to follow it.
 */
export function ReleaseActions({ release, chart, chartVersion, revision, status }: ReleaseActionsProps) {
  const { t } = useI18n();
  const can = useCan();
  const { modal } = App.useApp();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [upgrading, setUpgrading] = useState(false);
  const [running, setRunning] = useState<{ job: HelmJob; action: Action }>();
  const [problem, setProblem] = useState<string>();
  const allowed = can('resources:write', { cluster: release.cluster, namespace: release.namespace });
  const live = useQuery({
    queryKey: ['helm-actions', 'status', release],
    queryFn: () => helmActionsApi.status(release),
    enabled: allowed,
    refetchInterval: (query) => (query.state.data?.operation ? 3_000 : false),
  });
  const history = useQuery({
    queryKey: ['helm-actions', 'history', release],
    queryFn: () => helmActionsApi.history(release),
    enabled: allowed,
  });
  if (!allowed) return null;
  // Helm's status words in the reader's language (one it does not know as helm wrote it).
  const statusWord = (word: string) =>
    RELEASE_STATUSES.includes(word) ? t(`releases.status.${word}` as MessageKey) : word;

  const pending = live.data?.operation;
  const stuck = /^pending-|^uninstalling$/.test(status) && !pending;
  const started = (action: Action) => (job: HelmJob) => {
    setProblem(undefined);
    setUpgrading(false);
    setRunning({ job, action });
  };
  // A refusal says why in the server's words; one for an operation running here shows it below.
  const refused = (error: unknown) => {
    setProblem(helmErrorText(t, error));
    void live.refetch();
  };
  const names = { name: release.name, cluster: release.cluster, namespace: release.namespace };

  const rollback = () => {
    const older = (history.data?.items ?? []).filter((item) => item.revision !== revision);
    let chosen = older[0]?.revision;
    modal.confirm({
      title: t('helmActions.rollbackTitle', { name: release.name }),
      width: 520,
      okText: t('helmActions.rollbackNow'),
      cancelText: t('helmActions.cancel'),
      content: (
        <Flex vertical gap={8}>
          <Typography.Text>{t('helmActions.rollbackTo')}</Typography.Text>
          <Select
            aria-label={t('helmActions.rollbackTo')}
            defaultValue={chosen}
            onChange={(value: number) => {
              chosen = value;
            }}
            options={older.map((item) => ({
              value: item.revision,
              label: t('helmActions.revisionOption', {
                revision: item.revision,
                chart: item.chart,
                status: statusWord(item.status),
              }),
            }))}
          />
        </Flex>
      ),
      onOk: () =>
        new Promise<void>((resolve) => {
          const revisionTo = chosen;
          if (!revisionTo) return resolve();
          modal.confirm({
            title: t('helmActions.rollbackConfirm', { ...names, revision: revisionTo }),
            okText: t('helmActions.rollbackNow'),
            cancelText: t('helmActions.cancel'),
            onOk: () =>
              helmActionsApi
                .rollback(release, { revision: revisionTo })
                .then(started('rollback'), refused)
                .finally(resolve),
            onCancel: () => resolve(),
          });
        }),
    });
  };

  const uninstall = () => {
    let keepHistory = false;
    modal.confirm({
      title: t('helmActions.uninstallTitle', { name: release.name }),
      width: 520,
      okText: t('helmActions.uninstallNow'),
      okButtonProps: { danger: true },
      cancelText: t('helmActions.cancel'),
      content: (
        <Flex vertical gap={8}>
          <Typography.Text>{t('helmActions.uninstallConfirm', names)}</Typography.Text>
          <Checkbox
            onChange={(event) => {
              keepHistory = event.target.checked;
            }}
          >
            {t('helmActions.keepHistory')}
          </Checkbox>
        </Flex>
      ),
      // The release's page goes with the release: the uninstall is followed on its operation's page.
      onOk: () =>
        helmActionsApi
          .uninstall(release, keepHistory)
          .then((job) => navigate(`/operations/${encodeURIComponent(job.id)}`), refused),
    });
  };

  const blocked = Boolean(pending);
  return (
    <Flex vertical gap={8} data-testid="release-actions">
      <Space wrap>
        <Button type="primary" disabled={blocked || stuck} onClick={() => setUpgrading(true)}>
          {t('helmActions.upgrade')}
        </Button>
        <Button disabled={blocked || (history.data?.items.length ?? 0) < 2} onClick={rollback}>
          {t('helmActions.rollback')}
        </Button>
        <Button danger disabled={blocked} onClick={uninstall}>
          {t('helmActions.uninstall')}
        </Button>
      </Space>
      {pending && (
        <Alert
          type="warning"
          showIcon
          title={t('helmActions.pending')}
          action={
            <Link to={`/operations/${encodeURIComponent(pending)}`}>
              <Button>{t('helmActions.openPending')}</Button>
            </Link>
          }
        />
      )}
      {stuck && (
        <Alert
          type="warning"
          showIcon
          title={t('helmActions.pendingStatus', { status: statusWord(status) })}
        />
      )}
      {problem && (
        <Alert type="error" showIcon closable onClose={() => setProblem(undefined)} title={problem} />
      )}
      <UpgradeDrawer
        release={release}
        chart={chart}
        chartVersion={chartVersion}
        revision={revision}
        open={upgrading}
        onClose={() => setUpgrading(false)}
        onStarted={started('upgrade')}
      />
      <Drawer
        open={Boolean(running)}
        onClose={() => setRunning(undefined)}
        size="large"
        destroyOnHidden
        title={
          running &&
          t('helmActions.running', {
            action: t(`helmActions.${running.action}`),
            name: release.name,
            cluster: release.cluster,
          })
        }
      >
        {running && (
          <JobRun
            job={running.job}
            framed={false}
            onEnd={() => {
              void queries.invalidateQueries({ queryKey: ['releases'] });
              void queries.invalidateQueries({ queryKey: ['helm-actions'] });
            }}
          />
        )}
      </Drawer>
    </Flex>
  );
}
