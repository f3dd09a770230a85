import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { showRefusal } from '../alerting/form-refusal.ts';
import { NameField } from '../alerting/NameField.tsx';
import { useNamespaces } from '../resources/ResourceTable.tsx';
import { backupsApi } from './backups-api.ts';
import { FormDrawer } from './FormDrawer.tsx';
import type { VeleroItem } from './types.ts';

interface VeleroForm {
  name: string;
  includedNamespaces?: string[];
  ttl?: string;
  backupName?: string;
}

/** A new Velero Backup (namespaces, TTL) or Restore (from one of Velero's backups) in a cluster. */
export function VeleroDrawer(props: {
  cluster: string;
  kind: 'backup' | 'restore' | undefined;
  backups: VeleroItem[];
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<VeleroForm>();
  const [refusal, setRefusal] = useState<string>();
  const namespaces = useNamespaces(props.cluster);
  useEffect(() => {
    if (!props.kind) return;
    setRefusal(undefined);
    form.resetFields();
  }, [props.kind, form]);
  const save = useMutation({
    mutationFn: (values: VeleroForm) =>
      props.kind === 'backup'
        ? backupsApi.createVeleroBackup(props.cluster, {
            name: values.name,
            includedNamespaces: values.includedNamespaces ?? [],
            ...(values.ttl?.trim() ? { ttl: values.ttl.trim() } : {}),
          })
        : backupsApi.createVeleroRestore(props.cluster, {
            name: values.name,
            backupName: values.backupName ?? '',
          }),
    onSuccess: (created) => {
      void message.success(t('backups.velero.createdOk', { name: created.name }));
      void queryClient.invalidateQueries({ queryKey: ['backups', 'velero', props.cluster] });
      props.onClose();
    },
    onError: (error) =>
      setRefusal(showRefusal(form, error, ['name', 'includedNamespaces', 'ttl', 'backupName'])),
  });
  return (
    <FormDrawer
      open={Boolean(props.kind)}
      onClose={props.onClose}
      size={480}
      title={props.kind === 'restore' ? t('backups.velero.newRestore') : t('backups.velero.newBackup')}
      saveText={t('backups.velero.create')}
      saving={save.isPending}
      onSave={() => form.submit()}
    >
      <Form<VeleroForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
        <NameField
          label={t('backups.name')}
          required={t('backups.plans.nameRequired')}
          invalid={t('backups.plans.nameInvalid')}
          locked={false}
        />
        {props.kind === 'backup' ? (
          <>
            <Form.Item
              label={t('backups.namespaces')}
              name="includedNamespaces"
              extra={t('backups.plans.namespacesHelp')}
            >
              <Select mode="tags" allowClear options={namespaces.map((value) => ({ value, label: value }))} />
            </Form.Item>
            <Form.Item label={t('backups.velero.ttl')} name="ttl" extra={t('backups.velero.ttlHelp')}>
              <Input placeholder="720h0m0s" autoComplete="off" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            label={t('backups.velero.backupName')}
            name="backupName"
            rules={[{ required: true, message: t('backups.velero.backupRequired') }]}
          >
            <Select
              showSearch
              options={props.backups.map((entry) => ({ value: entry.name, label: entry.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
