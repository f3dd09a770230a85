import type { Cluster } from '@portolan/api';
import { Button, Flex, Form, Input, Modal, Radio, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { parseLabels } from '../clusters/cluster-labels.ts';
import { ClusterSelectorFields } from './ClusterSelectorFields.tsx';
import { pairsRule } from './form-rules.ts';
import type { StartState } from './PropagationEditPage.tsx';
import { DNS_LABEL, emptySelector, type SelectorFields } from './propagation-form.ts';
import {
  ACCESS_ROLES,
  type AccessRole,
  namespaceDocument,
  type RoleRule,
  roleDocument,
  VERBS,
} from './quick-starts.ts';

export type QuickStart = 'namespace' | 'role';

interface NamespaceValues {
  namespace: string;
  labels: string;
  targets: SelectorFields;
  group: string;
  role: AccessRole;
}

interface RoleValues {
  role: string;
  rules: RoleRule[];
  subjectKind: 'Group' | 'User';
  subject: string;
  targets: SelectorFields;
}

/** A cluster-scoped name as Kubernetes takes one (lower-case, dots, colons for system roles). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/;

function NamespaceFields({ clusters }: { clusters: readonly Cluster[] }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="namespace"
        label={t('propagations.quick.namespace')}
        rules={[
          { required: true, message: t('propagations.quick.namespaceRequired') },
          { max: 63, pattern: DNS_LABEL, message: t('propagations.form.nameRule') },
        ]}
      >
        <Input aria-label={t('propagations.quick.namespace')} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="labels"
        label={t('propagations.quick.labels')}
        extra={t('propagations.form.pairsHelp')}
        rules={[pairsRule(t)]}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <ClusterSelectorFields
        name={['targets']}
        path={['targets']}
        clusters={clusters}
        label={t('propagations.form.targets')}
      />
      <Flex gap={12} wrap>
        <Form.Item
          name="group"
          label={t('propagations.quick.group')}
          extra={t('propagations.quick.groupHelp')}
          style={{ flex: 1, minWidth: 220 }}
        >
          <Input aria-label={t('propagations.quick.group')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('propagations.quick.access')}>
          <Radio.Group
            optionType="button"
            options={ACCESS_ROLES.map((role) => ({
              value: role,
              label: t(`propagations.quick.access.${role}`),
            }))}
          />
        </Form.Item>
      </Flex>
    </>
  );
}

function RoleFields({ clusters }: { clusters: readonly Cluster[] }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="role"
        label={t('propagations.quick.roleName')}
        rules={[
          { required: true, message: t('propagations.quick.roleRequired') },
          { max: 200, pattern: OBJECT_NAME, message: t('propagations.quick.roleRule') },
        ]}
      >
        <Input aria-label={t('propagations.quick.roleName')} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('propagations.quick.rules')}>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap>
                  <Form.Item name={[field.name, 'apiGroups']} style={{ marginBottom: 0 }}>
                    <Select
                      mode="tags"
                      style={{ width: 160 }}
                      placeholder={t('propagations.quick.apiGroups')}
                      aria-label={t('propagations.quick.apiGroups')}
                      options={['core', 'apps', 'batch', 'networking.k8s.io'].map((value) => ({ value }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'resources']}
                    style={{ marginBottom: 0 }}
                    rules={[
                      {
                        required: true,
                        type: 'array',
                        min: 1,
                        message: t('propagations.quick.resourcesRequired'),
                      },
                    ]}
                  >
                    <Select
                      mode="tags"
                      style={{ width: 220 }}
                      placeholder={t('propagations.quick.resources')}
                      aria-label={t('propagations.quick.resources')}
                      options={['pods', 'deployments', 'services', 'configmaps', 'secrets', 'pods/log'].map(
                        (value) => ({
                          value,
                        }),
                      )}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'verbs']}
                    style={{ marginBottom: 0 }}
                    rules={[
                      {
                        required: true,
                        type: 'array',
                        min: 1,
                        message: t('propagations.quick.verbsRequired'),
                      },
                    ]}
                  >
                    <Select
                      mode="tags"
                      style={{ width: 260 }}
                      placeholder={t('propagations.quick.verbs')}
                      aria-label={t('propagations.quick.verbs')}
                      options={[...VERBS, '*'].map((value) => ({ value }))}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" danger onClick={() => remove(field.name)}>
                      {t('propagations.form.remove')}
                    </Button>
                  )}
                </Flex>
              ))}
              <div>
                <Button
                  size="small"
                  type="dashed"
                  onClick={() => add({ apiGroups: [], resources: [], verbs: ['get', 'list', 'watch'] })}
                >
                  {t('propagations.quick.addRule')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="subjectKind" label={t('propagations.quick.subjectKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'Group', label: t('propagations.quick.subject.Group') },
              { value: 'User', label: t('propagations.quick.subject.User') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('propagations.quick.subject')}
          extra={t('propagations.quick.subjectHelp')}
          style={{ flex: 1, minWidth: 220 }}
        >
          <Input aria-label={t('propagations.quick.subject')} autoComplete="off" />
        </Form.Item>
      </Flex>
      <ClusterSelectorFields
        name={['targets']}
        path={['targets']}
        clusters={clusters}
        label={t('propagations.form.targets')}
      />
    </>
  );
}

/**
 * The common cases as small forms: a namespace (with a group's access) or a role on many clusters.
 * Each makes a propagation of templates and opens it at its preview.
 */
export function QuickStartModal({
  kind,
  clusters,
  onClose,
}: {
  kind: QuickStart | undefined;
  clusters: readonly Cluster[];
  onClose(): void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [namespaceForm] = Form.useForm<NamespaceValues>();
  const [roleForm] = Form.useForm<RoleValues>();
  const go = (state: StartState) => {
    onClose();
    navigate('/propagations/new', { state });
  };
  const submit = async () => {
    if (kind === 'namespace') {
      const values = await namespaceForm.validateFields();
      go({
        document: namespaceDocument({
          namespace: values.namespace,
          labels: parseLabels(values.labels ?? '') ?? {},
          targets: values.targets,
          group: values.group ?? '',
          role: values.role,
        }),
      });
    } else if (kind === 'role') {
      const values = await roleForm.validateFields();
      go({ document: roleDocument({ ...values, subject: values.subject ?? '' }) });
    }
  };
  return (
    <Modal
      open={Boolean(kind)}
      width={760}
      title={kind ? t(`propagations.quick.${kind}.title`) : ''}
      okText={t('propagations.preview')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {kind === 'namespace' && (
        <Form
          form={namespaceForm}
          layout="vertical"
          initialValues={{ targets: emptySelector(), role: 'edit', labels: '', group: '' }}
        >
          <NamespaceFields clusters={clusters} />
        </Form>
      )}
      {kind === 'role' && (
        <Form
          form={roleForm}
          layout="vertical"
          initialValues={{
            targets: emptySelector(),
            subjectKind: 'Group',
            subject: '',
            rules: [{ apiGroups: ['core'], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
          }}
        >
          <RoleFields clusters={clusters} />
        </Form>
      )}
    </Modal>
  );
}
