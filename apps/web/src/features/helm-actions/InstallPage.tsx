import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Result, Skeleton, Steps, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { appsApi, chartPath } from '../apps/apps-api.ts';
import { ChartSearch } from './ChartSearch.tsx';
import { type HelmJob, helmActionsApi } from './helm-actions-api.ts';
import { helmErrorText } from './helm-error-text.ts';
import { type Outcome, OutcomesStep, type Preview, PreviewStep } from './InstallSteps.tsx';
import { InstallTargets } from './InstallTargets.tsx';
import { PerClusterValues } from './PerClusterValues.tsx';
import { layered, refusedField, refusedValuesPath, valuesMarkers } from './refusals.ts';
import { ValuesEditor } from './ValuesEditor.tsx';
import { VersionSelect } from './VersionSelect.tsx';

interface Where {
  name: string;
  namespace: string;
  clusters: string[];
  createNamespace: boolean;
  /** Where the release is already there, upgrade it rather than refuse that cluster. */
  upgradeExisting: boolean;
}

/**
 * /apps/install?repository=&chart=&version=: a chart installed as a release on one cluster or on
 * several (one job each). Values start from the chart's defaults, checked against its schema; a
 * preview of what each cluster would get comes before anything runs; then each job's steps live.
 */
export default function InstallPage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const repository = params.get('repository') ?? '';
  const chart = params.get('chart') ?? '';
  const version = params.get('version') ?? '';
  const [form] = Form.useForm<Where>();
  const [values, setValues] = useState('');
  const [touched, setTouched] = useState(false);
  const [own, setOwn] = useState<Record<string, string>>({});
  const [namespaces, setNamespaces] = useState<Record<string, string>>({});
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>();
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const chosen = Form.useWatch('clusters', form) ?? [];
  const sharedNamespace = Form.useWatch('namespace', form) ?? '';

  const versions = useQuery({
    queryKey: ['apps', 'versions', repository, chart],
    queryFn: () => appsApi.versions(repository, chart),
    enabled: Boolean(repository && chart),
  });
  const picked = version || versions.data?.items.find((item) => !item.prerelease)?.version || '';
  const detail = useQuery({
    queryKey: ['apps', 'detail', repository, chart, picked],
    queryFn: () => appsApi.detail(repository, chart, picked),
    enabled: Boolean(repository && chart && picked),
  });
  const clusters = useQuery({ queryKey: ['clusters', 'all'], queryFn: api.clusters });
  const writable = (clusters.data?.items ?? []).filter((cluster) =>
    can('resources:write', { inCluster: cluster.name }),
  );

  // The chart's defaults are where the values start, until the person edits them.
  useEffect(() => {
    if (detail.data && !touched) setValues(detail.data.values ?? '');
  }, [detail.data, touched]);

  const markers = useMemo(
    () => valuesMarkers(refusal, values, (error) => helmErrorText(t, error)),
    [refusal, values, t],
  );
  const field = refusedField(refusal);
  const fieldError = (name: string) =>
    field === name && refusal instanceof Error
      ? { validateStatus: 'error' as const, help: helmErrorText(t, refusal) }
      : {};
  const namespaceOf = (cluster: string) => namespaces[cluster]?.trim() || sharedNamespace;
  const ref = { repository, chart, version: picked };

  const fail = (error: unknown) => {
    setRefusal(error);
    setStep(0);
  };

  const preview = async () => {
    const where = await form.validateFields();
    setRefusal(undefined);
    setBusy(true);
    try {
      const answers = await Promise.all(
        where.clusters.map(async (cluster) => {
          try {
            const preview = await helmActionsApi.preview(
              { cluster, namespace: namespaceOf(cluster), name: where.name },
              { chart: ref, values: layered(values, own[cluster]) },
            );
            return { cluster, preview };
          } catch (error) {
            return { cluster, error };
          }
        }),
      );
      // A refusal of the values or the name is the person's to fix, on the field it names.
      const fieldRefusal = answers.find((answer) => refusedField(answer.error));
      if (fieldRefusal) return fail(fieldRefusal.error);
      setPreviews(answers);
      setStep(1);
    } finally {
      setBusy(false);
    }
  };

  const install = async () => {
    const where = form.getFieldsValue(true) as Where;
    setBusy(true);
    try {
      if (where.clusters.length === 1 && !where.upgradeExisting) {
        const cluster = where.clusters[0] ?? '';
        const job = await helmActionsApi.install(cluster, {
          chart: ref,
          name: where.name,
          namespace: namespaceOf(cluster),
          values: layered(values, own[cluster]),
          createNamespace: where.createNamespace,
        });
        setOutcomes([{ cluster, namespace: namespaceOf(cluster), job }]);
      } else {
        const answer = await helmActionsApi.installAcross({
          chart: ref,
          name: where.name,
          namespace: where.namespace,
          values,
          createNamespace: where.createNamespace,
          upgradeExisting: where.upgradeExisting,
          targets: where.clusters.map((cluster) => ({
            cluster,
            ...(namespaces[cluster]?.trim() ? { namespace: namespaces[cluster].trim() } : {}),
            ...(own[cluster]?.trim() ? { values: own[cluster] } : {}),
          })),
        });
        setOutcomes(
          answer.items.map((item) => ({
            cluster: item.cluster,
            namespace: item.namespace,
            ...(item.job ? { job: item.job as HelmJob } : {}),
            ...(item.error ? { error: helmErrorText(t, item.error) } : {}),
          })),
        );
      }
      setStep(2);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const title = (
    <Flex vertical gap={2}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        <Link to="/apps">{t('apps.title')}</Link> /{' '}
        {chart ? <Link to={chartPath(repository, chart, picked)}>{chart}</Link> : null}
        {chart ? ' / ' : null}
        {t('helmActions.install.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('helmActions.install.subtitle')}</Typography.Text>
    </Flex>
  );

  if (!repository || !chart)
    return (
      <Flex vertical gap={12}>
        {title}
        <Card size="small">
          <Result
            status="info"
            title={t('helmActions.noChartTitle')}
            subTitle={t('helmActions.noChart')}
            extra={<ChartSearch onPick={(next) => setParams(next)} />}
          />
        </Card>
      </Flex>
    );

  return (
    <Flex vertical gap={12}>
      {title}
      <Steps
        size="small"
        current={step}
        items={[
          { title: t('helmActions.step.configure') },
          { title: t('helmActions.step.preview') },
          { title: t('helmActions.step.run') },
        ]}
      />
      {(versions.error || detail.error || clusters.error) && (
        <ErrorNotice error={versions.error ?? detail.error ?? clusters.error} />
      )}
      {refusal && !field ? <Alert type="error" showIcon title={helmErrorText(t, refusal)} /> : null}

      <div style={{ display: step === 0 ? undefined : 'none' }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            createNamespace: true,
            upgradeExisting: false,
            clusters: [],
            namespace: 'default',
          }}
          onValuesChange={() => field && field !== 'values' && setRefusal(undefined)}
        >
          <Card size="small" title={t('helmActions.chart')} style={{ marginBottom: 12 }}>
            <Flex gap={16} wrap align="end">
              <Form.Item label={t('helmActions.chart')} style={{ marginBottom: 0 }}>
                <Typography.Text strong>
                  {repository}/{chart}
                </Typography.Text>
              </Form.Item>
              <Form.Item
                label={t('helmActions.version')}
                style={{ marginBottom: 0 }}
                {...fieldError('chart')}
              >
                <VersionSelect
                  versions={versions.data?.items}
                  loading={versions.isLoading}
                  value={picked}
                  onChange={(next) => {
                    const address = new URLSearchParams(params);
                    address.set('version', next);
                    setParams(address, { replace: true });
                  }}
                />
              </Form.Item>
            </Flex>
          </Card>
          <InstallTargets clusters={writable} loading={clusters.isLoading} fieldError={fieldError} />
          <Card size="small" title={t('helmActions.values')} style={{ marginBottom: 12 }}>
            <Form.Item style={{ marginBottom: 0 }} {...fieldError('values')}>
              {detail.isLoading ? (
                <Skeleton active />
              ) : (
                <ValuesEditor
                  label={t('helmActions.values')}
                  value={values}
                  onChange={(next) => {
                    setTouched(true);
                    setValues(next);
                    if (field === 'values') setRefusal(undefined);
                  }}
                  schema={detail.data?.valuesSchema ?? null}
                  markers={markers}
                  refusedPath={refusedValuesPath(refusal)}
                  note={t('helmActions.valuesDefaults')}
                />
              )}
            </Form.Item>
          </Card>
          <PerClusterValues
            chosen={chosen}
            sharedNamespace={sharedNamespace}
            own={own}
            setOwn={setOwn}
            namespaces={namespaces}
            setNamespaces={setNamespaces}
            schema={detail.data?.valuesSchema}
          />
          <Flex justify="end">
            <Button type="primary" loading={busy} onClick={() => void preview().catch(() => undefined)}>
              {t('helmActions.preview')}
            </Button>
          </Flex>
        </Form>
      </div>

      {step === 1 && (
        <PreviewStep
          previews={previews}
          count={chosen.length}
          busy={busy}
          onBack={() => setStep(0)}
          onInstall={() => void install()}
        />
      )}
      {step === 2 && <OutcomesStep outcomes={outcomes} onFix={() => setStep(0)} />}
    </Flex>
  );
}
