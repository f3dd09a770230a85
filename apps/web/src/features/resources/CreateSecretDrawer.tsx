import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Drawer, Flex, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { resourcesApi } from './resources-api.ts';
import {
  fieldErrorsOf,
  KEY,
  NAME,
  parseLabels,
  type SecretFormValues,
  secretInputOf,
} from './secret-form.ts';

/**
 * Create a Secret from a typed form: opaque key/value pairs, a TLS certificate and key (the server
 * checks that they match), or registry credentials. The server's reasons land on the field at fault.
 */
export function CreateSecretDrawer({
  cluster,
  namespaces,
  open,
  onClose,
}: {
  cluster: string;
  namespaces: string[];
  open: boolean;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SecretFormValues>();
  const type = Form.useWatch('type', form) ?? 'opaque';
  const [notice, setNotice] = useState<string[]>([]);
  // Suggests the namespaces the caller may write in; any other may be typed (the server decides).
  const writable = namespaces.filter((namespace) => can('resources:write', { cluster, namespace }));

  const create = useMutation({
    mutationFn: (values: SecretFormValues) =>
      resourcesApi.createSecret(cluster, values.namespace, secretInputOf(values)),
    onSuccess: (_, values) => {
      message.success(t('resources.secretCreated', { name: `${values.namespace}/${values.name}` }));
      form.resetFields();
      onClose();
      void queryClient.invalidateQueries({ queryKey: ['resources', cluster] });
    },
    onError: (error, values) => {
      if (!(error instanceof ApiError)) return setNotice([String(error)]);
      const { fields, rest } = fieldErrorsOf(error.body, values);
      // The paths are the form's own (fieldErrorsOf builds them from its field names).
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setNotice(
        rest.length || !fields.length
          ? [error.message, ...rest.filter((line) => line !== error.message)]
          : [],
      );
    },
  });

  return (
    <Drawer
      title={t('resources.createSecret')}
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('resources.create')}
          </Button>
        </Space>
      }
    >
      <Flex vertical gap={12}>
        {notice.length > 0 && (
          <Alert type="error" showIcon title={t('common.failed')} description={notice.join('\n')} />
        )}
        <Form<SecretFormValues>
          form={form}
          layout="vertical"
          initialValues={{ type: 'opaque', entries: [{}] }}
          onFinish={(values) => {
            setNotice([]);
            create.mutate(values);
          }}
        >
          <Form.Item
            name="namespace"
            label={t('resources.namespace')}
            rules={[{ required: true, message: t('resources.namespaceRequired') }]}
          >
            <AutoComplete
              options={writable.map((name) => ({ value: name }))}
              filterOption={(typed, option) => String(option?.value ?? '').includes(typed)}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('resources.name')}
            extra={t('resources.nameHelp')}
            rules={[
              { required: true, message: t('resources.nameRequired') },
              { pattern: NAME, message: t('resources.nameInvalid') },
              { max: 253, message: t('resources.nameInvalid') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="type" label={t('resources.type')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'opaque', label: t('resources.secretType.opaque') },
                { value: 'tls', label: t('resources.secretType.tls') },
                { value: 'docker-registry', label: t('resources.secretType.docker-registry') },
              ]}
            />
          </Form.Item>
          {type === 'tls' && (
            <>
              <Form.Item
                name={['tls', 'certificate']}
                label={t('resources.tlsCertificate')}
                rules={[
                  { required: true, message: t('resources.valueRequired') },
                  { pattern: /-----BEGIN CERTIFICATE-----/, message: t('resources.pemCertificate') },
                ]}
              >
                <Input.TextArea rows={5} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" />
              </Form.Item>
              <Form.Item
                name={['tls', 'key']}
                label={t('resources.tlsKey')}
                rules={[
                  { required: true, message: t('resources.valueRequired') },
                  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, message: t('resources.pemKey') },
                ]}
              >
                <Input.TextArea rows={5} spellCheck={false} placeholder="-----BEGIN PRIVATE KEY-----" />
              </Form.Item>
            </>
          )}
          {type === 'docker-registry' && (
            <>
              <Form.Item
                name={['dockerRegistry', 'server']}
                label={t('resources.registryServer')}
                rules={[{ required: true, message: t('resources.valueRequired') }]}
              >
                <Input placeholder="registry.example.com" />
              </Form.Item>
              <Form.Item
                name={['dockerRegistry', 'username']}
                label={t('resources.registryUsername')}
                rules={[{ required: true, message: t('resources.valueRequired') }]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                name={['dockerRegistry', 'password']}
                label={t('resources.registryPassword')}
                rules={[{ required: true, message: t('resources.valueRequired') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item name={['dockerRegistry', 'email']} label={t('resources.registryEmail')}>
                <Input />
              </Form.Item>
            </>
          )}
          <Form.Item
            label={type === 'opaque' ? t('resources.values') : t('resources.extraValues')}
            required={type === 'opaque'}
          >
            <Form.List
              name="entries"
              rules={[
                {
                  validator: async (_, entries: SecretFormValues['entries']) => {
                    const keys = (entries ?? []).map((entry) => entry?.key?.trim()).filter(Boolean);
                    if (type === 'opaque' && keys.length === 0)
                      throw new Error(t('resources.valuesRequired'));
                    const twice = keys.find((key, index) => keys.indexOf(key) !== index);
                    if (twice) throw new Error(t('resources.keyTwice', { key: twice }));
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <Flex vertical gap={8}>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8} align="start">
                      <Form.Item
                        name={[field.name, 'key']}
                        style={{ flex: '0 0 35%', marginBottom: 0 }}
                        rules={[{ pattern: KEY, message: t('resources.keyInvalid') }]}
                      >
                        <Input
                          placeholder={t('resources.key')}
                          aria-label={t('resources.key')}
                          autoComplete="off"
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'value']} style={{ flex: 1, marginBottom: 0 }}>
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 6 }}
                          placeholder={t('resources.value')}
                          aria-label={t('resources.value')}
                          spellCheck={false}
                        />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)} aria-label={t('resources.removeValue')}>
                        ✕
                      </Button>
                    </Flex>
                  ))}
                  <Button type="dashed" onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
                    {t('resources.addValue')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item
            name="labels"
            label={t('resources.labels')}
            extra={t('resources.labelsHelp')}
            rules={[
              {
                validator: async (_, text: string | undefined) => {
                  const { bad } = parseLabels(text);
                  if (bad.length) throw new Error(t('resources.labelsInvalid', { lines: bad.join(', ') }));
                },
              },
            ]}
          >
            <Input.TextArea rows={2} placeholder="app=web" />
          </Form.Item>
        </Form>
      </Flex>
    </Drawer>
  );
}
