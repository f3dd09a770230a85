import { RECEIVER_TYPES, type ReceiverView } from '@portolan/api';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { notificationsApi } from './alerting-api.ts';
import { DocumentDrawer } from './DocumentDrawer.tsx';
import { NameField } from './NameField.tsx';
import {
  PLACEHOLDERS,
  RECEIVER_FIELDS,
  type ReceiverForm,
  receiverFormOf,
  receiverSpecOf,
  SECRET_TYPES,
  URL_TYPES,
} from './receiver-form.ts';
import { useSaveForm } from './use-save-form.ts';

/** New receiver or an existing one edited; each type shows its own fields, sealed ones write-only. */
export function ReceiverDrawer({
  open,
  receiver,
  onClose,
}: {
  open: boolean;
  receiver?: ReceiverView;
  onClose(): void;
}) {
  const { t } = useI18n();
  const editor = useSaveForm<ReceiverForm, ReceiverView>({
    save: (values) => notificationsApi.saveReceiver(values.name, receiverSpecOf(values)),
    savedText: (name) => t('alerting.receivers.saved', { name }),
    refresh: ['notifications'],
    fields: RECEIVER_FIELDS,
    onSaved: onClose,
  });
  const { form, reset } = editor;
  const type = Form.useWatch('type', form);
  const isSet = (field: string) => Boolean(receiver?.set.includes(field));
  /** A sealed field: what it is, and whether one is kept when left empty. */
  const sealedHelp = (field: string, help?: string) =>
    isSet(field) ? t('alerting.receivers.setKeep') : help;

  useEffect(() => {
    if (open) reset(receiver && receiverFormOf(receiver));
  }, [open, receiver, reset]);
  const urlRequired = !isSet('url');

  return (
    <DocumentDrawer<ReceiverForm>
      open={open}
      onClose={onClose}
      size={640}
      title={
        receiver ? t('alerting.receivers.editTitle', { name: receiver.name }) : t('alerting.receivers.new')
      }
      editor={editor}
      saveText={t('alerting.save')}
      initialValues={{ type: 'webhook', smtp: { port: 587, security: 'starttls' } }}
    >
      <Flex gap={12}>
        <NameField
          label={t('alerting.receivers.name')}
          style={{ flex: 1 }}
          required={t('alerting.rules.nameRequired')}
          invalid={t('alerting.rules.nameInvalid')}
          locked={Boolean(receiver)}
        />
        <Form.Item label={t('alerting.receivers.type')} name="type" style={{ width: 200 }}>
          <Select
            disabled={Boolean(receiver)}
            aria-label={t('alerting.receivers.type')}
            options={RECEIVER_TYPES.map((value) => ({
              value,
              label: t(`alerting.receivers.type.${value}`),
            }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item label={t('alerting.description')} name="description">
        <Input maxLength={1024} />
      </Form.Item>
      {type && URL_TYPES.includes(type) && (
        <Form.Item
          label={t('alerting.receivers.url')}
          name="url"
          extra={sealedHelp(
            'url',
            t(`alerting.receivers.urlHelp.${type === 'webhook' ? 'webhook' : 'robot'}`),
          )}
          rules={[
            { required: urlRequired, message: t('alerting.receivers.urlRequired') },
            { type: 'url', message: t('alerting.receivers.urlInvalid') },
          ]}
        >
          <Input
            autoComplete="off"
            placeholder={isSet('url') ? `${receiver?.urlHost ?? ''}/…` : 'https://'}
          />
        </Form.Item>
      )}
      {type && SECRET_TYPES.includes(type) && (
        <Form.Item
          label={t('alerting.receivers.secret')}
          name="secret"
          extra={sealedHelp('secret', t('alerting.receivers.secretHelp'))}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      {type === 'webhook' && (
        <Form.Item
          label={t('alerting.receivers.headers')}
          extra={sealedHelp('headers', t('alerting.receivers.headersHelp'))}
        >
          <Form.List name="headers">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((field) => (
                  <Space key={field.key}>
                    <Form.Item name={[field.name, 'name']} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('alerting.receivers.headerName')} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'value']} style={{ marginBottom: 0 }}>
                      <Input.Password
                        placeholder={t('alerting.receivers.headerValue')}
                        style={{ width: 280 }}
                      />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)} aria-label={t('alerting.remove')}>
                      ✕
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ name: '', value: '' })} style={{ alignSelf: 'flex-start' }}>
                  {t('alerting.receivers.addHeader')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      )}
      {type === 'email' && (
        <>
          <Flex gap={12}>
            <Form.Item
              label={t('alerting.receivers.smtpHost')}
              name={['smtp', 'host']}
              style={{ flex: 1 }}
              rules={[{ required: true, whitespace: true, message: t('alerting.receivers.hostRequired') }]}
            >
              <Input placeholder="smtp.example.com" />
            </Form.Item>
            <Form.Item
              label={t('alerting.receivers.smtpPort')}
              name={['smtp', 'port']}
              rules={[{ required: true, message: t('alerting.receivers.portRequired') }]}
            >
              <InputNumber min={1} max={65535} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item
              label={t('alerting.receivers.security')}
              name={['smtp', 'security']}
              style={{ width: 170 }}
            >
              <Select
                options={(['starttls', 'tls', 'none'] as const).map((value) => ({
                  value,
                  label: t(`alerting.receivers.security.${value}`),
                }))}
              />
            </Form.Item>
          </Flex>
          <Form.Item name={['smtp', 'requireTls']} valuePropName="checked">
            <Checkbox>{t('alerting.receivers.requireTls')}</Checkbox>
          </Form.Item>
          <Flex gap={12}>
            <Form.Item
              label={t('alerting.receivers.username')}
              name={['smtp', 'username']}
              style={{ flex: 1 }}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('alerting.receivers.password')}
              name={['smtp', 'password']}
              style={{ flex: 1 }}
              extra={sealedHelp('password')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Flex>
          <Form.Item
            label={t('alerting.receivers.from')}
            name={['smtp', 'from']}
            rules={[{ required: true, type: 'email', message: t('alerting.receivers.fromRequired') }]}
          >
            <Input placeholder="portolan@example.com" />
          </Form.Item>
          <Form.Item
            label={t('alerting.receivers.to')}
            name={['smtp', 'to']}
            extra={t('alerting.receivers.toHelp')}
            rules={[{ required: true, message: t('alerting.receivers.toRequired') }]}
          >
            <Select
              mode="tags"
              open={false}
              tokenSeparators={[',', ' ']}
              aria-label={t('alerting.receivers.to')}
            />
          </Form.Item>
        </>
      )}
      <Form.Item
        label={t('alerting.receivers.title')}
        name="title"
        extra={t('alerting.receivers.defaultHint')}
      >
        <Input maxLength={512} placeholder="[{{status}}] {{alertname}} · {{cluster}}" />
      </Form.Item>
      <Form.Item
        label={t('alerting.receivers.template')}
        name="template"
        extra={t('alerting.receivers.defaultHint')}
      >
        <Input.TextArea rows={4} maxLength={16384} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('alerting.receivers.placeholders')}{' '}
        {PLACEHOLDERS.map((name) => (
          <Typography.Text code key={name}>{`{{${name}}}`}</Typography.Text>
        ))}
      </Typography.Paragraph>
      <Flex gap={12}>
        <Form.Item
          label={t('alerting.receivers.retries')}
          name="retries"
          extra={t('alerting.receivers.retriesHelp')}
        >
          <InputNumber min={0} max={10} placeholder="3" />
        </Form.Item>
        <Form.Item label={t('alerting.receivers.timeout')} name="timeoutSeconds">
          <InputNumber min={1} max={60} placeholder="10" suffix={t('alerting.seconds')} />
        </Form.Item>
      </Flex>
    </DocumentDrawer>
  );
}
