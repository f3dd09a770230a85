import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Flex, Form, Input, Radio, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { showRefusal } from '../alerting/form-refusal.ts';
import { NameField } from '../alerting/NameField.tsx';
import { backupsApi } from './backups-api.ts';
import { FormDrawer } from './FormDrawer.tsx';
import type { Destination, DestinationInput } from './types.ts';

interface DestinationForm {
  name: string;
  type: 'folder' | 's3';
  folder?: { path: string };
  s3?: {
    endpoint: string;
    bucket: string;
    region?: string;
    prefix?: string;
    forcePathStyle?: boolean;
    accessKeyId: string;
    secretAccessKey?: string;
  };
}

const FIELDS = [
  'name',
  'type',
  'folder.path',
  's3.endpoint',
  's3.bucket',
  's3.region',
  's3.prefix',
  's3.forcePathStyle',
  's3.accessKeyId',
  's3.secretAccessKey',
];

function inputOf(values: DestinationForm): DestinationInput {
  if (values.type === 'folder') return { type: 'folder', folder: { path: values.folder?.path ?? '' } };
  const s3 = values.s3 ?? { endpoint: '', bucket: '', accessKeyId: '' };
  const secret = s3.secretAccessKey?.trim();
  return {
    type: 's3',
    s3: {
      endpoint: s3.endpoint.trim(),
      bucket: s3.bucket.trim(),
      region: s3.region?.trim() ?? '',
      prefix: s3.prefix?.trim() ?? '',
      forcePathStyle: Boolean(s3.forcePathStyle),
      accessKeyId: s3.accessKeyId.trim(),
      ...(secret ? { secretAccessKey: secret } : {}),
    },
  };
}

/** A destination for backups, new or edited: a folder on the host, or an S3 bucket (secret write-only). */
export function DestinationDrawer(props: { open: boolean; destination?: Destination; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DestinationForm>();
  const [refusal, setRefusal] = useState<string>();
  const type = Form.useWatch('type', form);
  const editing = props.destination;

  useEffect(() => {
    if (!props.open) return;
    setRefusal(undefined);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            name: editing.name,
            type: editing.type,
            ...(editing.folder ? { folder: editing.folder } : {}),
            ...(editing.s3 ? { s3: { ...editing.s3, secretAccessKey: '' } } : {}),
          }
        : {
            type: 'folder',
            s3: { endpoint: '', bucket: '', accessKeyId: '', region: 'us-east-1', forcePathStyle: true },
          },
    );
  }, [props.open, editing, form]);

  const save = useMutation({
    mutationFn: (values: DestinationForm) => backupsApi.saveDestination(values.name, inputOf(values)),
    onSuccess: (saved) => {
      void message.success(t('backups.destinations.saved', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: ['backups', 'destinations'] });
      props.onClose();
    },
    onError: (error) => setRefusal(showRefusal(form, error, FIELDS)),
  });
  const secretSaved = Boolean(editing?.s3?.secretSet);

  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      size={560}
      title={
        editing ? t('backups.destinations.editTitle', { name: editing.name }) : t('backups.destinations.new')
      }
      saveText={t('backups.save')}
      saving={save.isPending}
      onSave={() => form.submit()}
    >
      <Form<DestinationForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
        <NameField
          label={t('backups.name')}
          required={t('backups.plans.nameRequired')}
          invalid={t('backups.plans.nameInvalid')}
          locked={Boolean(editing)}
        />
        <Form.Item label={t('backups.destinations.type')} name="type">
          <Radio.Group
            options={[
              { value: 'folder', label: t('backups.destinations.type.folder') },
              { value: 's3', label: t('backups.destinations.type.s3') },
            ]}
          />
        </Form.Item>
        {type === 'folder' ? (
          <Form.Item
            label={t('backups.destinations.path')}
            name={['folder', 'path']}
            extra={t('backups.destinations.pathHelp')}
            rules={[{ required: true, pattern: /^\//, message: t('backups.destinations.pathRequired') }]}
          >
            <Input placeholder="/var/backups/portolan" autoComplete="off" />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              label={t('backups.destinations.endpoint')}
              name={['s3', 'endpoint']}
              rules={[{ required: true, message: t('backups.destinations.endpointRequired') }]}
            >
              <Input placeholder="https://s3.example.com" autoComplete="off" />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item
                label={t('backups.destinations.bucket')}
                name={['s3', 'bucket']}
                style={{ flex: 1 }}
                rules={[{ required: true, message: t('backups.destinations.bucketRequired') }]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item label={t('backups.destinations.region')} name={['s3', 'region']} style={{ flex: 1 }}>
                <Input placeholder="us-east-1" autoComplete="off" />
              </Form.Item>
            </Flex>
            <Form.Item
              label={t('backups.destinations.prefix')}
              name={['s3', 'prefix']}
              extra={t('backups.destinations.prefixHelp')}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('backups.destinations.pathStyle')}
              name={['s3', 'forcePathStyle']}
              valuePropName="checked"
              extra={t('backups.destinations.pathStyleHelp')}
            >
              <Switch />
            </Form.Item>
            <Form.Item
              label={t('backups.destinations.accessKey')}
              name={['s3', 'accessKeyId']}
              rules={[{ required: true, message: t('backups.destinations.accessKeyRequired') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('backups.destinations.secretKey')}
              name={['s3', 'secretAccessKey']}
              extra={secretSaved ? t('backups.destinations.secretKeep') : undefined}
              rules={
                secretSaved ? [] : [{ required: true, message: t('backups.destinations.secretRequired') }]
              }
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Typography.Text type="secondary">{t('backups.destinations.sealed')}</Typography.Text>
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
