import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Radio,
  Select,
  Space,
  Steps,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { backupsApi, restorePath } from './backups-api.ts';
import { type MappingRow, NamespaceMapping, useTargetProblem } from './NamespaceMapping.tsx';
import { ObjectPicker } from './ObjectPicker.tsx';
import { namespacesText } from './plan-form.ts';
import { RestorePlanView } from './RestorePlanView.tsx';
import { clashingTargets, mappingOf } from './restore-form.ts';
import { BackupStateCell } from './tags.tsx';
import type { BackupObject, RestoreSpec } from './types.ts';
import { useBackupNamespaces } from './use-backup-namespaces.ts';

const RESTORABLE = ['completed', 'partially-failed'];

/** /backups/restore?backup={id}: backup → target → namespaces → existing objects → dry run → run. */
export default function RestoreWizard() {
  const { t, format } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const backupId = params.get('backup') ?? '';
  const [step, setStep] = useState(0);
  const [cluster, setCluster] = useState('');
  const [rows, setRows] = useState<MappingRow[]>([]);
  const [pick, setPick] = useState(false);
  const [chosen, setChosen] = useState<BackupObject[]>([]);
  const [existing, setExisting] = useState<'skip' | 'update'>('skip');
  const [clusterScoped, setClusterScoped] = useState(false);
  const problemOf = useTargetProblem();

  const restorable = useQuery({
    queryKey: ['backups', 'list', 'restorable'],
    queryFn: () => backupsApi.backups({ state: 'completed', limit: 100 }),
    enabled: !backupId,
  });
  const backup = useQuery({
    queryKey: ['backups', 'one', backupId],
    queryFn: () => backupsApi.backup(backupId),
    enabled: Boolean(backupId),
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  const namespaces = useBackupNamespaces(backup.data);
  const source = backup.data;

  useEffect(() => {
    if (source) setCluster((current) => current || source.cluster);
  }, [source]);
  const namespacesKey = namespaces.join(',');
  useEffect(() => {
    setRows(
      namespacesKey ? namespacesKey.split(',').map((name) => ({ name, chosen: true, target: '' })) : [],
    );
  }, [namespacesKey]);

  const chosenRows = rows.filter((row) => row.chosen);
  const mapping = Object.fromEntries(chosenRows.map((row) => [row.name, row.target]));
  const clashes = clashingTargets(
    chosenRows.map((row) => row.name),
    mapping,
  );
  const mappingOk =
    chosenRows.length > 0 && clashes.length === 0 && chosenRows.every((row) => !problemOf(row));
  const spec: RestoreSpec = {
    backup: backupId,
    cluster,
    namespaces: chosenRows.map((row) => row.name),
    namespaceMapping: mappingOf(mapping),
    ...(pick ? { objects: chosen } : {}),
    existing,
    clusterScoped,
  };
  const specKey = JSON.stringify(spec);
  const plan = useMutation({ mutationFn: backupsApi.planRestore });
  const { reset } = plan;
  // A changed choice makes the plan made before it stale.
  useEffect(() => {
    void specKey;
    reset();
  }, [specKey, reset]);
  const start = useMutation({
    mutationFn: backupsApi.startRestore,
    onSuccess: (started) => {
      void message.success(t('backups.wizard.started', { id: started.id }));
      navigate(restorePath(started.id));
    },
    onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
  });

  const canNext = [
    Boolean(source && RESTORABLE.includes(source.state)),
    Boolean(cluster),
    mappingOk && (!pick || chosen.length > 0),
    true,
  ];
  const steps = [
    t('backups.wizard.step.backup'),
    t('backups.wizard.step.target'),
    t('backups.wizard.step.namespaces'),
    t('backups.wizard.step.existing'),
    t('backups.wizard.step.plan'),
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        <Link to="/backups/restores">{t('backups.tab.restores')}</Link> /{' '}
        {t('backups.wizard.title', { id: backupId || '…' })}
      </Typography.Title>
      <Steps size="small" current={step} items={steps.map((title) => ({ title }))} />
      <Card size="small">
        {step === 0 && (
          <Flex vertical gap={12}>
            <Select
              showSearch
              style={{ maxWidth: 520 }}
              aria-label={t('backups.wizard.chooseBackup')}
              placeholder={t('backups.wizard.chooseBackup')}
              value={backupId || undefined}
              loading={restorable.isFetching}
              onChange={(id: string) => setParams({ backup: id }, { replace: true })}
              options={[
                ...(source ? [source] : []),
                ...(restorable.data?.items ?? []).filter((entry) => entry.id !== backupId),
              ].map((entry) => ({
                value: entry.id,
                label: `${entry.cluster} · ${namespacesText(entry.namespaces, t('backups.allNamespaces'))} · ${format.dateTime(entry.startedAt)}`,
              }))}
            />
            {backup.error && <ErrorNotice error={backup.error} onRetry={() => void backup.refetch()} />}
            {source && (
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('backups.state')}>
                  <BackupStateCell backup={source} />
                </Descriptions.Item>
                <Descriptions.Item label={t('backups.cluster')}>{source.cluster}</Descriptions.Item>
                <Descriptions.Item label={t('backups.namespaces')}>
                  {namespacesText(source.namespaces, t('backups.allNamespaces'))}
                </Descriptions.Item>
                <Descriptions.Item label={t('backups.objects')}>
                  {format.number(source.objects)}
                </Descriptions.Item>
                <Descriptions.Item label={t('backups.started')}>
                  {format.dateTime(source.startedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('backups.size')}>
                  {format.bytes(source.sizeBytes)}
                </Descriptions.Item>
              </Descriptions>
            )}
            {source && !RESTORABLE.includes(source.state) && (
              <Alert type="warning" showIcon title={t('backups.wizard.notRestorable')} />
            )}
          </Flex>
        )}
        {step === 1 && (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{t('backups.wizard.targetHelp')}</Typography.Text>
            <Select
              showSearch
              style={{ maxWidth: 420 }}
              aria-label={t('backups.wizard.step.target')}
              value={cluster || undefined}
              loading={clusters.isPending}
              onChange={setCluster}
              options={(clusters.data?.items ?? [])
                .filter((entry) => can('backups:write', { inCluster: entry.name }))
                .map((entry) => ({
                  value: entry.name,
                  label:
                    entry.name === source?.cluster
                      ? t('backups.wizard.sameCluster', { name: entry.name })
                      : entry.name,
                }))}
            />
          </Flex>
        )}
        {step === 2 && (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{t('backups.wizard.namespacesHelp')}</Typography.Text>
            <NamespaceMapping rows={rows} onChange={setRows} />
            {chosenRows.length === 0 && (
              <Typography.Text type="danger">{t('backups.wizard.noNamespace')}</Typography.Text>
            )}
            {clashes.map((name) => (
              <Typography.Text key={name} type="danger">
                {t('backups.wizard.targetClash', { name })}
              </Typography.Text>
            ))}
            <Space>
              <Switch checked={pick} onChange={setPick} aria-label={t('backups.wizard.chooseObjects')} />
              <Typography.Text>{t('backups.wizard.chooseObjects')}</Typography.Text>
              <Typography.Text type="secondary">{t('backups.wizard.chooseObjectsHelp')}</Typography.Text>
            </Space>
            {pick && (
              <ObjectPicker
                backup={backupId}
                namespaces={chosenRows.map((row) => row.name)}
                chosen={chosen}
                onChange={setChosen}
              />
            )}
          </Flex>
        )}
        {step === 3 && (
          <Flex vertical gap={12}>
            <Typography.Text strong>{t('backups.wizard.existing')}</Typography.Text>
            <Radio.Group
              value={existing}
              onChange={(event) => setExisting(event.target.value)}
              options={[
                { value: 'skip', label: t('backups.wizard.existing.skip') },
                { value: 'update', label: t('backups.wizard.existing.update') },
              ]}
            />
            <Space>
              <Switch
                checked={clusterScoped}
                onChange={setClusterScoped}
                aria-label={t('backups.wizard.clusterScoped')}
              />
              <Typography.Text>{t('backups.wizard.clusterScoped')}</Typography.Text>
            </Space>
            <Typography.Text type="secondary">{t('backups.wizard.clusterScopedHelp')}</Typography.Text>
          </Flex>
        )}
        {step === 4 && (
          <Flex vertical gap={12}>
            {!plan.data && (
              <Button
                type="primary"
                style={{ alignSelf: 'flex-start' }}
                loading={plan.isPending}
                onClick={() => plan.mutate(spec)}
              >
                {t('backups.wizard.makePlan')}
              </Button>
            )}
            {plan.error && <ErrorNotice error={plan.error} onRetry={() => plan.mutate(spec)} />}
            {plan.data && <RestorePlanView plan={plan.data} />}
          </Flex>
        )}
      </Card>
      <Flex justify="space-between">
        <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
          {t('backups.back')}
        </Button>
        {step < 4 ? (
          <Button type="primary" disabled={!canNext[step]} onClick={() => setStep(step + 1)}>
            {t('backups.next')}
          </Button>
        ) : (
          <Button
            type="primary"
            disabled={!plan.data || plan.data.counts.create + plan.data.counts.update === 0}
            loading={start.isPending}
            onClick={() => start.mutate(spec)}
          >
            {t('backups.wizard.run')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
