import type { Cluster, MultiClusterServiceView } from '@portolan/api';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ClusterSelectorFields } from '../propagations/ClusterSelectorFields.tsx';
import { DNS_LABEL } from '../propagations/propagation-form.ts';
import { emptyMcsForm, formFieldOf, type McsForm, mcsDocumentOf, mcsFormOf } from './mcs-form.ts';
import { multiClusterServicesApi } from './multicluster-services-api.ts';

/** Create or edit a multi-cluster Service: the Service picked from every cluster's, where from, where to. */
export function McsFormDrawer({
  open,
  editing,
  clusters,
  onClose,
}: {
  open: boolean;
  /** The one being edited; a new one when absent. */
  editing: MultiClusterServiceView | undefined;
  clusters: readonly Cluster[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<McsForm>();
  const [refusal, setRefusal] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [typed, setTyped] = useState('');
  const namespace = Form.useWatch('namespace', form) as string | undefined;
  const service = Form.useWatch('service', form) as string | undefined;
  const exportMode = Form.useWatch('exportMode', form) as McsForm['exportMode'] | undefined;
  const choices = useQuery({
    queryKey: ['multicluster-services', 'choices', namespace ?? '', typed],
    queryFn: () => multiClusterServicesApi.serviceChoices(namespace?.trim() || undefined, typed.trim()),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const initial = editing ? mcsFormOf(editing.document) : emptyMcsForm();
  const rule = { pattern: DNS_LABEL, max: 63, message: t('mcs.form.dnsLabel') };

  async function save(values: McsForm) {
    setRefusal(undefined);
    setSaving(true);
    try {
      const document = mcsDocumentOf(values, editing?.document.metadata.generation);
      await multiClusterServicesApi.save(document);
      message.success(
        t('mcs.form.saved', { name: `${document.metadata.namespace}/${document.metadata.name}` }),
      );
      void queryClient.invalidateQueries({ queryKey: ['multicluster-services'] });
      onClose();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const field = error instanceof ApiError ? formFieldOf(error.body.field) : undefined;
      if (field) form.setFields([{ name: field, errors: [reason] }]);
      else setRefusal(reason);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={
        editing
          ? t('mcs.form.editTitle', {
              name: `${editing.document.metadata.namespace}/${editing.document.metadata.name}`,
            })
          : t('mcs.form.createTitle')
      }
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('mcs.form.save')}
          </Button>
        </Flex>
      }
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('mcs.form.refused', { reason: refusal })}
        />
      )}
      <Form<McsForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => void save(values)}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="namespace"
            label={t('mcs.form.namespace')}
            extra={t('mcs.form.namespaceHelp')}
            rules={[{ required: true, message: t('mcs.form.required') }, rule]}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Input disabled={editing !== undefined} autoComplete="off" aria-label={t('mcs.form.namespace')} />
          </Form.Item>
          <Form.Item
            name="service"
            label={t('mcs.form.service')}
            rules={[{ required: true, message: t('mcs.form.required') }, rule]}
            style={{ flex: 1, minWidth: 260 }}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: setTyped }}
              aria-label={t('mcs.form.service')}
              placeholder={t('mcs.form.servicePlaceholder')}
              loading={choices.isFetching}
              notFoundContent={t('mcs.form.serviceNone')}
              optionLabelProp="value"
              onSelect={(_value, option) => {
                const picked = (option as { namespace?: string }).namespace;
                if (picked && !editing) form.setFieldValue('namespace', picked);
              }}
              options={(choices.data ?? []).map((choice) => ({
                value: choice.name,
                namespace: choice.namespace,
                key: `${choice.namespace}/${choice.name}`,
                label: (
                  <Flex vertical gap={0}>
                    <span>
                      {choice.namespace}/{choice.name}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('mcs.form.serviceOn', { clusters: choice.clusters.join(', ') })}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="name"
            label={t('mcs.form.name')}
            extra={t('mcs.form.nameHelp')}
            rules={[rule]}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Input
              disabled={editing !== undefined}
              placeholder={service || undefined}
              autoComplete="off"
              aria-label={t('mcs.form.name')}
            />
          </Form.Item>
          <Form.Item
            name="importName"
            label={t('mcs.form.importName')}
            extra={t('mcs.form.importNameHelp', { default: `${service || 'service'}-mcs` })}
            rules={[rule]}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Input
              placeholder={`${service || 'service'}-mcs`}
              autoComplete="off"
              aria-label={t('mcs.form.importName')}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="exportMode" label={t('mcs.form.exportFrom')}>
          <Radio.Group
            options={[
              { value: 'every', label: t('mcs.form.exportEvery') },
              { value: 'chosen', label: t('mcs.form.exportChosen') },
            ]}
          />
        </Form.Item>
        {exportMode === 'chosen' && (
          <ClusterSelectorFields
            name={['exportFrom']}
            path={['exportFrom']}
            clusters={clusters}
            label={t('mcs.form.exportChosen')}
          />
        )}
        <ClusterSelectorFields
          name={['importTo']}
          path={['importTo']}
          clusters={clusters}
          label={t('mcs.form.importTo')}
        />
      </Form>
    </Drawer>
  );
}
