import type { ChartRepository, RepositoryCheck, RepositoryInput, RepositoryPatch } from '@portolan/api';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { appsApi } from './apps-api.ts';

interface Values {
  name: string;
  url: string;
  charts?: string[];
  username?: string;
  password?: string;
  clearPassword?: boolean;
  caPem?: string;
  skipTlsVerify?: boolean;
  intervalSeconds: number;
}

const FIELDS = ['name', 'url', 'charts', 'username', 'password', 'caPem', 'skipTlsVerify', 'intervalSeconds'];
export const INTERVALS = [0, 900, 3600, 21600, 86400] as const;

/**
 * Add or edit a chart repository. Test reads it as it would be saved; Save reads it again (the
 * server refuses one it cannot read) and keeps it. A refusal is shown on the field the server names.
 */
export function RepositoryDrawer({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  /** The repository being edited; absent when adding one. */
  editing?: ChartRepository | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'test' | 'save' | undefined>();
  const [checked, setChecked] = useState<RepositoryCheck | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const url = Form.useWatch('url', form) ?? editing?.url ?? '';
  const skipTls = Form.useWatch('skipTlsVerify', form);
  const isOci = url.trim().startsWith('oci://');

  const input = (values: Values): RepositoryInput => ({
    name: (values.name ?? editing?.name ?? '').trim(),
    url: values.url.trim(),
    ...(isOci ? { charts: values.charts ?? [] } : {}),
    ...(values.username ? { username: values.username } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(values.caPem ? { caPem: values.caPem } : {}),
    skipTlsVerify: values.skipTlsVerify ?? false,
    intervalSeconds: values.intervalSeconds,
  });

  /** The server's refusal on its field, or above the form when it names none. */
  const refused = (error: unknown) => {
    if (error instanceof ApiError && error.field && FIELDS.includes(error.field)) {
      form.setFields([{ name: error.field as keyof Values, errors: [error.message] }]);
      setProblem(undefined);
    } else setProblem(error instanceof Error ? error.message : String(error));
  };

  const run = async (kind: 'test' | 'save') => {
    setChecked(undefined);
    setProblem(undefined);
    form.setFields(FIELDS.map((name) => ({ name: name as keyof Values, errors: [] })));
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(kind);
    try {
      if (kind === 'test') {
        // An edit's stored password and CA are used by the server when none is given here.
        setChecked(await appsApi.check(input(values)));
        return;
      }
      const saved = editing
        ? await appsApi.update(editing.name, patchOf(values, editing))
        : await appsApi.add(input(values));
      message.success(t('apps.form.saved', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
      onClose();
    } catch (error) {
      refused(error);
    } finally {
      setBusy(undefined);
    }
  };

  /** Only what changed: a PATCH with a new URL or credentials is read first by the server. */
  const patchOf = (values: Values, current: ChartRepository): RepositoryPatch => ({
    ...(values.url.trim() !== current.url ? { url: values.url.trim() } : {}),
    ...(isOci ? { charts: values.charts ?? [] } : {}),
    ...((values.username ?? '') !== current.username ? { username: values.username ?? '' } : {}),
    ...(values.password ? { password: values.password } : values.clearPassword ? { password: '' } : {}),
    ...(values.caPem ? { caPem: values.caPem } : {}),
    ...((values.skipTlsVerify ?? false) !== current.skipTlsVerify
      ? { skipTlsVerify: values.skipTlsVerify ?? false }
      : {}),
    ...(values.intervalSeconds !== current.intervalSeconds
      ? { intervalSeconds: values.intervalSeconds }
      : {}),
  });

  return (
    <Drawer
      title={editing ? t('apps.form.editTitle', { name: editing.name }) : t('apps.form.addTitle')}
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          name: editing?.name ?? '',
          url: editing?.url ?? '',
          charts: editing?.charts ?? [],
          username: editing?.username ?? '',
          skipTlsVerify: editing?.skipTlsVerify ?? false,
          intervalSeconds: editing?.intervalSeconds ?? 3600,
        }}
        onFinish={() => void run('save')}
      >
        <Form.Item
          label={t('apps.form.name')}
          name="name"
          extra={t('apps.form.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('apps.form.required') }]}
        >
          <Input autoComplete="off" disabled={Boolean(editing)} />
        </Form.Item>
        <Form.Item
          label={t('apps.form.url')}
          name="url"
          extra={
            <Flex vertical gap={4} align="flex-start">
              {t('apps.form.urlHelp')}
              {url.trim() && <Tag>{isOci ? t('apps.form.type.oci') : t('apps.form.type.http')}</Tag>}
            </Flex>
          }
          rules={[{ required: true, whitespace: true, message: t('apps.form.required') }]}
        >
          <Input autoComplete="off" spellCheck={false} placeholder="https://charts.example.com" />
        </Form.Item>
        {isOci && (
          <Form.Item
            label={t('apps.form.charts')}
            name="charts"
            extra={t('apps.form.chartsHelp')}
            rules={[{ required: true, message: t('apps.form.required') }]}
          >
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ' ']} />
          </Form.Item>
        )}
        <Form.Item label={t('apps.form.username')} name="username">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('apps.form.password')} name="password">
          <Input.Password
            autoComplete="new-password"
            placeholder={editing?.hasPassword ? t('apps.form.passwordKept') : undefined}
          />
        </Form.Item>
        {editing?.hasPassword && (
          <Form.Item name="clearPassword" valuePropName="checked" style={{ marginTop: -8 }}>
            <Checkbox>{t('apps.form.clearPassword')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          label={t('apps.form.caPem')}
          name="caPem"
          extra={editing?.hasCa ? t('apps.form.caKept') : t('apps.form.caPemHelp')}
        >
          <Input.TextArea rows={4} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" />
        </Form.Item>
        <Form.Item
          name="skipTlsVerify"
          valuePropName="checked"
          style={{ marginBottom: skipTls ? 8 : undefined }}
        >
          <Checkbox>{t('apps.form.skipTls')}</Checkbox>
        </Form.Item>
        {skipTls && (
          <Alert type="warning" showIcon title={t('apps.form.skipTlsWarning')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item label={t('apps.form.interval')} name="intervalSeconds">
          <Select
            options={INTERVALS.map((seconds) => ({
              value: seconds,
              label: t(`apps.repos.interval.${seconds}`),
            }))}
          />
        </Form.Item>
        {checked && (
          <Alert
            type={checked.warnings?.length ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            title={t('apps.form.testOk', { charts: checked.charts, versions: checked.versions })}
            description={checked.warnings?.join(' ')}
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy === 'save'}>
            {editing ? t('apps.form.save') : t('apps.form.add')}
          </Button>
          <Button onClick={() => void run('test')} loading={busy === 'test'}>
            {t('apps.form.test')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
