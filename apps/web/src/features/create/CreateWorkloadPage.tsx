import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Form, Row, Skeleton, Space, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { editorApi } from '../editor/editor-api.ts';
import { KubeYamlEditor } from '../editor/index.ts';
import { useSettled } from '../editor/use-kube-schema.ts';
import { editable, toYaml } from '../editor/yaml-text.ts';
import { ClusterPicker, useChosenCluster } from './ClusterPicker.tsx';
import { tabOf } from './ContainerFields.tsx';
import { ContainerList } from './ContainerList.tsx';
import { CreateSwitch } from './CreateSwitch.tsx';
import { createApi } from './create-api.ts';
import { CronFields, JobFields, StrategyFields } from './KindFields.tsx';
import { SchedulingFields, ServiceFields, VolumeFields } from './PodFields.tsx';
import { WorkloadBasics } from './WorkloadBasics.tsx';
import { formPathOf, STRATEGY_TYPES, serviceOf, specOf, type WorkloadFormValues } from './workload-form.ts';

/** What the dry run answers, without what the cluster fills in for every object. */
function previewObject(object: Record<string, unknown>) {
  const { status: _status, ...rest } = editable(object);
  const metadata = { ...(rest.metadata as Record<string, unknown>) };
  for (const key of ['uid', 'resourceVersion', 'generation', 'creationTimestamp']) delete metadata[key];
  return { ...rest, metadata };
}

const samePath = (a: (string | number)[], b: (string | number)[]) =>
  a.length === b.length && a.every((step, index) => step === b[index]);

/**
 * A workload from a form: kind, pods and containers, scheduling, volumes and a Service. The YAML
 * beside it is the cluster's own dry run of the form as it stands; the cluster's refusals land on the
 * field at fault. Created, it opens the workload's page.
 */
export default function CreateWorkloadPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [cluster, setCluster] = useChosenCluster();
  const [form] = Form.useForm<WorkloadFormValues>();
  const initial: WorkloadFormValues = {
    kind: 'Deployment',
    namespace: params.get('namespace') ?? 'default',
    replicas: 1,
    containers: [{ name: 'app', image: '' }],
  };
  const [values, setValues] = useState<WorkloadFormValues>(initial);
  // Each container's open tab, by `containers.0` or `initContainers.0`.
  const [tabs, setTabs] = useState<Record<string, string>>({});
  /** Shows the tab that holds a field the form or the server names, in whichever list it is. */
  const showTabOf = (path: (string | number)[] | undefined) => {
    if ((path?.[0] === 'containers' || path?.[0] === 'initContainers') && typeof path[1] === 'number')
      setTabs((current) => ({ ...current, [`${path[0]}.${path[1]}`]: tabOf(path[2]) }));
  };
  const openTab = (key: string, tab: string) => setTabs((current) => ({ ...current, [key]: tab }));
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const kind = values.kind;
  const namespace = values.namespace?.trim() || undefined;
  const mayWrite = cluster
    ? can('resources:write', namespace ? { cluster, namespace } : { inCluster: cluster })
    : false;

  const suggestionsQuery = useQuery({
    queryKey: ['create-suggestions', cluster, namespace],
    queryFn: () => createApi.names(cluster ?? '', 'configmaps,secrets,persistentvolumeclaims', namespace),
    enabled: Boolean(cluster && namespace),
    staleTime: 30_000,
  });
  const namespaces = useQuery({
    queryKey: ['create-namespaces', cluster],
    queryFn: () => createApi.names(cluster ?? '', 'namespaces'),
    enabled: Boolean(cluster),
    staleTime: 30_000,
  });
  const named = (kindName: string) =>
    (suggestionsQuery.data?.items ?? []).filter((item) => item.kind === kindName).map((item) => item.name);
  const suggestions = {
    configMaps: named('ConfigMap'),
    secrets: named('Secret'),
    volumes: (values.volumes ?? []).flatMap((volume) => (volume?.name ? [volume.name] : [])),
  };

  // The live preview: the cluster's dry run of the form once it has stopped changing for a moment.
  const spec = useMemo(() => specOf(values), [values]);
  const service = useMemo(() => serviceOf(values), [values]);
  const settled = useSettled(JSON.stringify(spec), 600);
  const ready = Boolean(
    cluster &&
      spec.name &&
      spec.namespace &&
      [...spec.containers, ...(spec.initContainers ?? [])].every((c) => c.image && c.name),
  );
  const dryRun = useQuery({
    queryKey: ['workload-dry-run', cluster, settled],
    queryFn: () => createApi.createWorkload(cluster ?? '', JSON.parse(settled), true),
    enabled: ready && settled === JSON.stringify(spec),
    retry: false,
    staleTime: 60_000,
  });
  const previewText = [
    toYaml(dryRun.data && ready ? previewObject(dryRun.data) : spec),
    ...(service ? [toYaml(service)] : []),
  ].join('---\n');

  /** The server's refusal on the fields it names (switching a container's tab to show it); the rest in words. */
  const showRefusal = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setUnplaced([String(error)]);
      return;
    }
    const registered = form.getFieldsError().map((entry) => entry.name as (string | number)[]);
    const problems = error.body.fields?.length
      ? error.body.fields.map((entry) => ({
          field: entry.field ?? '',
          message: entry.message ?? error.message,
        }))
      : [
          {
            field: error.body.code === 'already-exists' ? 'name' : (error.body.field ?? ''),
            message: error.message,
          },
        ];
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    const rest: string[] = [];
    for (const problem of problems) {
      let path = problem.field ? formPathOf(problem.field) : [];
      while (path.length && !registered.some((name) => samePath(name, path))) path = path.slice(0, -1);
      if (!path.length) {
        rest.push(problem.field ? `${problem.field}: ${problem.message}` : problem.message);
        continue;
      }
      const key = path.join('.');
      const entry = byField.get(key) ?? { name: path, errors: [] };
      entry.errors.push(problem.message);
      byField.set(key, entry);
      showTabOf(path);
    }
    form.setFields(
      [...byField.values()].map((entry) => ({ name: entry.name as never, errors: entry.errors })),
    );
    setUnplaced(rest);
    const first = [...byField.values()][0];
    if (first) setTimeout(() => form.scrollToField(first.name, { block: 'center' }), 50);
  };

  const submit = async (submitted: WorkloadFormValues) => {
    if (!cluster) return;
    setUnplaced([]);
    setSubmitting(true);
    const wanted = specOf(submitted);
    const exposed = serviceOf(submitted);
    try {
      if (exposed) {
        // The Service is checked before anything is created: a bad port must not leave a lone workload.
        const checked = await editorApi.preview(cluster, JSON.stringify(exposed));
        const refused = checked.results.find((result) => result.error)?.error as
          | { message?: string }
          | undefined;
        if (refused) {
          form.setFields([{ name: ['service', 'type'], errors: [refused.message ?? t('editor.refused')] }]);
          return;
        }
      }
      await createApi.createWorkload(cluster, wanted);
      if (exposed) {
        const applied = await editorApi.apply(cluster, JSON.stringify(exposed));
        const failed = applied.results.find((result) => result.error)?.error as
          | { message?: string }
          | undefined;
        if (failed) void message.warning(t('create.serviceFailed', { message: failed.message ?? '' }));
      }
      void message.success(t('create.created', { kind: wanted.kind, name: wanted.name }));
      navigate(
        `/clusters/${encodeURIComponent(cluster)}/workloads/${wanted.kind}/${encodeURIComponent(wanted.namespace)}/${encodeURIComponent(wanted.name)}`,
      );
    } catch (error) {
      showRefusal(error);
    } finally {
      setSubmitting(false);
    }
  };

  const jobs = kind === 'Job' || kind === 'CronJob';
  const dryRunError = dryRun.error instanceof ApiError ? dryRun.error : undefined;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('create.workloadTitle')}
          </Typography.Title>
          <CreateSwitch />
        </Space>
        <ClusterPicker value={cluster} onChange={setCluster} />
      </Flex>
      {cluster && !mayWrite && <Alert type="warning" showIcon title={t('create.mayNotWrite', { cluster })} />}
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <Form<WorkloadFormValues>
            form={form}
            layout="vertical"
            initialValues={initial}
            onValuesChange={(_, all) => setValues({ ...all })}
            onFinish={(submitted) => void submit(submitted)}
            onFinishFailed={({ errorFields }) =>
              showTabOf(errorFields[0]?.name as (string | number)[] | undefined)
            }
            scrollToFirstError={{ block: 'center' }}
          >
            <Flex vertical gap={12}>
              <WorkloadBasics
                kind={kind}
                namespaces={(namespaces.data?.items ?? []).map((item) => item.name)}
              />
              {kind === 'CronJob' && (
                <Card size="small" title={t('create.section.schedule')} data-section="schedule">
                  <CronFields />
                </Card>
              )}
              {jobs && (
                <Card size="small" title={t('create.section.job')} data-section="job">
                  <JobFields />
                </Card>
              )}
              {STRATEGY_TYPES[kind] && (
                <Card size="small" title={t('create.section.updates')} data-section="updates">
                  <StrategyFields kind={kind} />
                </Card>
              )}

              <ContainerList suggestions={suggestions} tabs={tabs} onTab={openTab} />
              <ContainerList init suggestions={suggestions} tabs={tabs} onTab={openTab} />

              <Card size="small" title={t('create.section.volumes')}>
                <VolumeFields
                  configMaps={suggestions.configMaps}
                  secrets={suggestions.secrets}
                  claims={named('PersistentVolumeClaim')}
                />
              </Card>
              <Card size="small" title={t('create.section.scheduling')}>
                <SchedulingFields />
              </Card>
              {!jobs && (
                <Card size="small" title={t('create.section.service')}>
                  <ServiceFields />
                </Card>
              )}
              {unplaced.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  data-refusal
                  title={t('editor.refused')}
                  description={unplaced.map((line) => <div key={line}>{line}</div>)}
                />
              )}
              <div>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={submitting}
                  disabled={!cluster || !mayWrite}
                >
                  {t('create.submit', { kind })}
                </Button>
              </div>
            </Flex>
          </Form>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('create.preview')}
            style={{ position: 'sticky', top: 8 }}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-preview-status>
                {!ready
                  ? t('create.previewIncomplete')
                  : dryRun.isFetching
                    ? t('create.previewChecking')
                    : dryRunError
                      ? t('create.previewRefused')
                      : t('create.previewChecked', { cluster: cluster ?? '' })}
              </Typography.Text>
            }
          >
            {dryRunError && ready && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={dryRunError.message}
                description={dryRunError.body.fields?.map((entry) => (
                  <div key={`${entry.field}:${entry.message}`}>
                    {entry.field}: {entry.message}
                  </div>
                ))}
              />
            )}
            <Suspense fallback={<Skeleton active paragraph={{ rows: 14 }} />}>
              <KubeYamlEditor
                cluster={cluster}
                value={previewText}
                readOnly
                height="calc(100vh - 260px)"
                label={t('create.preview')}
              />
            </Suspense>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
