import type { Cluster } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Collapse,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Select,
  Skeleton,
  Space,
  Steps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { appsApi, chartPath } from '../apps/apps-api.ts';
import { StatusTag } from '../clusters/StatusTag.tsx';
import { type HelmJob, helmActionsApi, type ReleasePreview } from './helm-actions-api.ts';
import { JobRun } from './JobRun.tsx';
import { PreviewObjects } from './PreviewObjects.tsx';
import { layered, refusedField, refusedValuesPath, valuesMarkers } from './refusals.ts';
import { ValuesEditor } from './ValuesEditor.tsx';
import { VersionSelect } from './VersionSelect.tsx';

const CodeEditor = lazy(() => import('../editor/CodeEditor.tsx'));

/** Helm's rule for release names (the API's `releaseName` pattern). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

interface Where {
  name: string;
  namespace: string;
  clusters: string[];
  createNamespace: boolean;
  /** Where the release is already there, upgrade it rather than refuse that cluster. */
  upgradeExisting: boolean;
}

type Outcome = { cluster: string; namespace: string; job?: HelmJob; error?: string };

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
  const [previews, setPreviews] = useState<
    Array<{ cluster: string; preview?: ReleasePreview; error?: unknown }>
  >([]);
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
  const byName = useMemo(() => new Map(writable.map((cluster) => [cluster.name, cluster])), [writable]);

  // The chart's defaults are where the values start, until the person edits them.
  useEffect(() => {
    if (detail.data && !touched) setValues(detail.data.values ?? '');
  }, [detail.data, touched]);

  const markers = useMemo(() => valuesMarkers(refusal, values), [refusal, values]);
  const field = refusedField(refusal);
  const fieldError = (name: string) =>
    field === name && refusal instanceof Error
      ? { validateStatus: 'error' as const, help: refusal.message }
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
            ...(item.error ? { error: item.error.message } : {}),
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
      {refusal && !field ? <Alert type="error" showIcon title={(refusal as Error).message} /> : null}

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
          <Card size="small" title={t('helmActions.clusters')} style={{ marginBottom: 12 }}>
            <Form.Item
              name="clusters"
              label={t('helmActions.clusters')}
              extra={t('helmActions.clustersHelp')}
              rules={[
                {
                  required: true,
                  type: 'array',
                  min: 1,
                  message: t('helmActions.required', { field: t('helmActions.clusters') }),
                },
              ]}
              {...fieldError('targets')}
            >
              <Select
                mode="multiple"
                aria-label={t('helmActions.clusters')}
                loading={clusters.isLoading}
                notFoundContent={
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('helmActions.noClusters')} />
                }
                options={writable.map((cluster) => ({
                  value: cluster.name,
                  label: <ClusterOption cluster={cluster} />,
                }))}
              />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item
                name="name"
                label={t('helmActions.name')}
                extra={t('helmActions.nameRule')}
                style={{ minWidth: 280, flex: 1 }}
                rules={[
                  { required: true, message: t('helmActions.required', { field: t('helmActions.name') }) },
                  { max: 53, pattern: RELEASE_NAME, message: t('helmActions.nameRule') },
                ]}
                {...fieldError('name')}
              >
                <Input aria-label={t('helmActions.name')} autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="namespace"
                label={t('helmActions.namespace')}
                style={{ minWidth: 220, flex: 1 }}
                rules={[
                  {
                    required: true,
                    message: t('helmActions.required', { field: t('helmActions.namespace') }),
                  },
                  { max: 63, pattern: NAMESPACE, message: t('helmActions.nameRule') },
                ]}
                {...fieldError('namespace')}
              >
                <Input aria-label={t('helmActions.namespace')} autoComplete="off" />
              </Form.Item>
            </Flex>
            <Form.Item name="createNamespace" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>{t('helmActions.createNamespace')}</Checkbox>
            </Form.Item>
            <Form.Item name="upgradeExisting" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>{t('helmActions.upgradeExisting')}</Checkbox>
            </Form.Item>
          </Card>
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
          {chosen.length > 1 && (
            <Card size="small" title={t('helmActions.perCluster')} style={{ marginBottom: 12 }}>
              <Typography.Paragraph type="secondary">{t('helmActions.perClusterHelp')}</Typography.Paragraph>
              <Collapse
                size="small"
                items={chosen.map((cluster) => ({
                  key: cluster,
                  label: (
                    <Space>
                      {cluster}
                      {own[cluster]?.trim() ? <Tag color="blue">{t('helmActions.values')}</Tag> : null}
                      {namespaces[cluster]?.trim() ? <Tag>{namespaces[cluster]}</Tag> : null}
                    </Space>
                  ),
                  children: (
                    <Flex vertical gap={8}>
                      <Input
                        addonBefore={t('helmActions.namespaceOn', { cluster })}
                        placeholder={sharedNamespace}
                        value={namespaces[cluster] ?? ''}
                        onChange={(event) => setNamespaces({ ...namespaces, [cluster]: event.target.value })}
                        style={{ maxWidth: 480 }}
                      />
                      <Suspense fallback={<Skeleton active />}>
                        <CodeEditor
                          label={`${t('helmActions.values')} ${byName.get(cluster)?.name ?? cluster}`}
                          value={own[cluster] ?? ''}
                          onChange={(next) => setOwn((current) => ({ ...current, [cluster]: next }))}
                          schema={detail.data?.valuesSchema ?? undefined}
                          height={160}
                        />
                      </Suspense>
                    </Flex>
                  ),
                }))}
              />
            </Card>
          )}
          <Flex justify="end">
            <Button type="primary" loading={busy} onClick={() => void preview().catch(() => undefined)}>
              {t('helmActions.preview')}
            </Button>
          </Flex>
        </Form>
      </div>

      {step === 1 && (
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
                        reason: (answer.error as Error)?.message ?? '',
                      })}
                    />
                  )}
                </Card>
              ),
            }))}
          />
          <Flex justify="space-between">
            <Button onClick={() => setStep(0)}>{t('helmActions.back')}</Button>
            <Button type="primary" loading={busy} onClick={() => void install()}>
              {chosen.length > 1
                ? t('helmActions.installOn', { count: chosen.length })
                : t('helmActions.installNow')}
            </Button>
          </Flex>
        </Flex>
      )}

      {step === 2 && (
        <Flex vertical gap={12} data-testid="install-outcomes">
          {outcomes.map((outcome) =>
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
            <Button onClick={() => setStep(0)}>{t('helmActions.fix')}</Button>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}

function ClusterOption({ cluster }: { cluster: Cluster }) {
  return (
    <Space size={4}>
      {cluster.displayName || cluster.name}
      {cluster.status !== 'Ready' && <StatusTag status={cluster.status} />}
    </Space>
  );
}

/** A chart picked from the catalogue when the address names none. */
function ChartSearch({ onPick }: { onPick: (address: URLSearchParams) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const charts = useQuery({
    queryKey: ['apps', 'charts', 'pick', q],
    queryFn: () => appsApi.charts({ q, limit: 50, sort: 'name' }),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      style={{ width: 360 }}
      placeholder={t('helmActions.chartPick')}
      aria-label={t('helmActions.chartPick')}
      loading={charts.isFetching}
      options={(charts.data?.items ?? []).map((item) => ({
        value: `${item.repository}/${item.chart}`,
        label: `${item.repository}/${item.chart} ${item.version}`,
      }))}
      onChange={(value: string) => {
        const [repository = '', chart = ''] = value.split('/');
        onPick(new URLSearchParams({ repository, chart }));
      }}
    />
  );
}
