import type { BindingLevel, RoleName } from '@portolan/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Radio, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { reasonOf, showOnField } from './form-errors.ts';
import { type BindingScope, peopleApi } from './people-api.ts';
import { ClusterSelect, NamespaceSelect, SubjectInput, WorkspaceSelect } from './pickers.tsx';
import { LEVELS, ROLES } from './ScopeTag.tsx';

interface Values {
  kind: 'user' | 'group';
  name: string;
  role: RoleName;
  level: BindingLevel;
  workspace?: string;
  cluster?: string;
  namespace?: string;
}

/** Gives a user or group a role at a level; the pickers ask the API what exists. */
export function CreateBindingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const kind = Form.useWatch('kind', form) ?? 'user';
  const level = Form.useWatch('level', form) ?? 'namespace';
  const cluster = Form.useWatch('cluster', form);
  const role = Form.useWatch('role', form) ?? 'Viewer';
  const create = useMutation({
    mutationFn: (values: Values) => {
      const scope: BindingScope = { level: values.level };
      if (values.level === 'workspace') scope.workspace = values.workspace;
      if (values.level === 'cluster' || values.level === 'namespace') scope.cluster = values.cluster;
      if (values.level === 'namespace') scope.namespace = values.namespace;
      return peopleApi.createBinding({
        subject: { kind: values.kind, name: values.name },
        role: values.role,
        scope,
      });
    },
    onSuccess: (binding) => {
      message.success(
        t('people.bindings.created', {
          subject: binding.subject.name,
          role: t(`people.role.${binding.role}`),
        }),
      );
      form.resetFields();
      onClose();
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (error) => {
      if (!showOnField(form, error, ['workspace', 'cluster', 'namespace'])) setProblem(reasonOf(error));
    },
  });
  const required = (text: string) => [{ required: true, message: text }];

  return (
    <Modal
      title={t('people.bindings.create')}
      open={open}
      okText={t('people.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'user', role: 'Viewer', level: 'namespace' }}
        onFinish={(values) => {
          setProblem(undefined);
          create.mutate(values);
        }}
      >
        <Form.Item name="kind" label={t('people.bindings.subject')}>
          <Radio.Group
            onChange={() => form.setFieldValue('name', undefined)}
            options={[
              { value: 'user', label: t('people.subject.user') },
              { value: 'group', label: t('people.subject.group') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={kind === 'user' ? t('people.subject.user') : t('people.subject.group')}
          rules={required(t('people.bindings.subjectRequired'))}
        >
          <SubjectInput kind={kind} enabled={can('users:read', 'platform')} />
        </Form.Item>
        <Form.Item name="role" label={t('people.bindings.role')} extra={t(`people.roleHelp.${role}`)}>
          <Segmented<RoleName> options={ROLES.map((r) => ({ value: r, label: t(`people.role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('people.bindings.level')}>
          <Select<BindingLevel> options={LEVELS.map((l) => ({ value: l, label: t(`people.level.${l}`) }))} />
        </Form.Item>
        {level === 'workspace' && (
          <Form.Item
            name="workspace"
            label={t('people.workspace')}
            rules={required(t('people.pick.workspace'))}
          >
            <WorkspaceSelect />
          </Form.Item>
        )}
        {(level === 'cluster' || level === 'namespace') && (
          <Form.Item name="cluster" label={t('people.cluster')} rules={required(t('people.pick.cluster'))}>
            <ClusterSelect onChange={() => form.setFieldValue('namespace', undefined)} />
          </Form.Item>
        )}
        {level === 'namespace' && (
          <Form.Item
            name="namespace"
            label={t('people.namespace')}
            rules={required(t('people.pick.namespace'))}
          >
            <NamespaceSelect cluster={cluster} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
