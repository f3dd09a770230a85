import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Drawer, Flex, Form, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { appsApi } from '../apps/apps-api.ts';
import type { ReleaseRef } from '../releases/releases-api.ts';
import { type HelmJob, helmActionsApi, type ReleasePreview } from './helm-actions-api.ts';
import { helmErrorText } from './helm-error-text.ts';
import { PreviewObjects } from './PreviewObjects.tsx';
import { refusedField, refusedValuesPath, valuesMarkers } from './refusals.ts';
import { ValuesEditor } from './ValuesEditor.tsx';
import { VersionSelect } from './VersionSelect.tsx';

export interface UpgradeDrawerProps {
  release: ReleaseRef;
  /** The chart's name and the version the release runs now. */
  chart: string;
  chartVersion: string;
  revision: number;
  open: boolean;
  onClose: () => void;
  /** The upgrade's job started: the caller shows its steps. */
  onStarted: (job: HelmJob) => void;
}

/**
 * Upgrade a release: a version from the catalogue (newer ones marked), the values it runs with now as
 * the starting point (so nothing set before is dropped), the diff against what runs now, then the job.
 */
export function UpgradeDrawer({
  release,
  chart,
  chartVersion,
  revision,
  open,
  onClose,
  onStarted,
}: UpgradeDrawerProps) {
  const { t } = useI18n();
  const [repository, setRepository] = useState<string>();
  const [version, setVersion] = useState<string>();
  const [values, setValues] = useState<string>();
  const [rollbackOnFailure, setRollbackOnFailure] = useState(true);
  const [preview, setPreview] = useState<ReleasePreview>();
  const [refusal, setRefusal] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const holders = useQuery({
    queryKey: ['apps', 'charts', 'named', chart],
    queryFn: () => appsApi.charts({ q: chart, limit: 50, sort: 'name' }),
    enabled: open,
  });
  const repositories = (holders.data?.items ?? [])
    .filter((item) => item.chart === chart)
    .map((item) => item.repository);
  const repo = repository ?? repositories[0];
  const versions = useQuery({
    queryKey: ['apps', 'versions', repo, chart],
    queryFn: () => appsApi.versions(repo ?? '', chart),
    enabled: open && Boolean(repo),
  });
  const picked = version ?? versions.data?.items.find((item) => !item.prerelease)?.version ?? '';
  const detail = useQuery({
    queryKey: ['apps', 'detail', repo, chart, picked],
    queryFn: () => appsApi.detail(repo ?? '', chart, picked),
    enabled: open && Boolean(repo && picked),
  });
  const current = useQuery({
    queryKey: ['helm-actions', 'values', release],
    queryFn: () => helmActionsApi.values(release),
    enabled: open,
    staleTime: 0,
  });
  useEffect(() => {
    if (current.data && values === undefined)
      setValues(current.data.yaml === '{}\n' ? '' : current.data.yaml);
  }, [current.data, values]);
  // Opened again: start from what runs then.
  useEffect(() => {
    if (!open) {
      setValues(undefined);
      setPreview(undefined);
      setRefusal(undefined);
      setVersion(undefined);
    }
  }, [open]);

  const text = values ?? '';
  const markers = useMemo(
    () => valuesMarkers(refusal, text, (error) => helmErrorText(t, error)),
    [refusal, text, t],
  );
  const valuesRefused = refusedField(refusal) === 'values';
  const body = { chart: { repository: repo ?? '', chart, version: picked }, values: text };

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setRefusal(undefined);
    try {
      await action();
    } catch (error) {
      setRefusal(error);
      setPreview(undefined);
    } finally {
      setBusy(false);
    }
  };

  const ready = Boolean(repo && picked && values !== undefined);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={t('helmActions.upgradeTitle', { name: release.name, cluster: release.cluster })}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          {preview && <Button onClick={() => setPreview(undefined)}>{t('helmActions.back')}</Button>}
          {!preview ? (
            <Button
              type="primary"
              disabled={!ready}
              loading={busy}
              onClick={() => void act(async () => setPreview(await helmActionsApi.preview(release, body)))}
            >
              {t('helmActions.diff')}
            </Button>
          ) : (
            <Button
              type="primary"
              loading={busy}
              onClick={() =>
                void act(async () =>
                  onStarted(await helmActionsApi.upgrade(release, { ...body, rollbackOnFailure })),
                )
              }
            >
              {t('helmActions.upgradeNow')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={12} data-testid="upgrade-drawer">
        {holders.data && repositories.length === 0 && (
          <Alert type="warning" showIcon title={t('helmActions.notInCatalogue', { chart })} />
        )}
        {refusal && !valuesRefused ? <Alert type="error" showIcon title={helmErrorText(t, refusal)} /> : null}
        {preview ? (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('helmActions.diffTitle')}
            </Typography.Title>
            <PreviewObjects preview={preview} />
          </>
        ) : (
          <Form layout="vertical" component="div">
            <Flex gap={16} wrap>
              <Form.Item label={t('helmActions.repository')}>
                <Select
                  style={{ minWidth: 180 }}
                  aria-label={t('helmActions.repository')}
                  loading={holders.isLoading}
                  value={repo}
                  onChange={(next: string) => {
                    setRepository(next);
                    setVersion(undefined);
                  }}
                  options={repositories.map((name) => ({ value: name, label: name }))}
                />
              </Form.Item>
              <Form.Item label={t('helmActions.version')}>
                <VersionSelect
                  versions={versions.data?.items}
                  loading={versions.isLoading}
                  value={picked}
                  current={chartVersion}
                  onChange={setVersion}
                />
              </Form.Item>
            </Flex>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('helmActions.upgradeKeeps', { name: release.name, revision })}
            />
            <Form.Item
              label={t('helmActions.values')}
              {...(valuesRefused
                ? { validateStatus: 'error' as const, help: helmErrorText(t, refusal) }
                : {})}
            >
              {values === undefined ? (
                <Skeleton active />
              ) : (
                <ValuesEditor
                  label={t('helmActions.values')}
                  value={text}
                  onChange={(next) => {
                    setValues(next);
                    if (valuesRefused) setRefusal(undefined);
                  }}
                  schema={detail.data?.valuesSchema ?? null}
                  markers={markers}
                  refusedPath={refusedValuesPath(refusal)}
                  height={300}
                />
              )}
            </Form.Item>
            <Form.Item extra={t('helmActions.rollbackOnFailureHelp')}>
              <Checkbox
                checked={rollbackOnFailure}
                onChange={(event) => setRollbackOnFailure(event.target.checked)}
              >
                {t('helmActions.rollbackOnFailure')}
              </Checkbox>
            </Form.Item>
          </Form>
        )}
      </Flex>
    </Drawer>
  );
}
