import { AutoComplete, Checkbox, Form, Input, InputNumber, Select, Space, Tabs } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { HandlerFields } from './HandlerFields.tsx';
import { ListField } from './ListField.tsx';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export interface Suggestions {
  configMaps: string[];
  secrets: string[];
  volumes: string[];
}

const options = (names: string[]) => names.map((value) => ({ value }));

/** One container of the pod: image and command, environment, ports, health checks, hooks, resources, security, mounts. */
/** The tab that holds a container's field, by its first step (`env`, `resources`, …). */
export function tabOf(step: string | number | undefined): string {
  if (step === 'env' || step === 'envFrom') return 'env';
  if (typeof step === 'string' && (step.endsWith('Probe') || step === 'lifecycle')) return 'health';
  if (step === 'resources') return 'resources';
  if (step === 'securityContext') return 'security';
  if (step === 'volumeMounts') return 'mounts';
  return 'general';
}

export function ContainerFields({
  field,
  suggestions,
  tab,
  onTab,
  init = false,
}: {
  field: number;
  suggestions: Suggestions;
  tab: string;
  onTab: (tab: string) => void;
  /** An init container: the same fields in `initContainers`, less probes and hooks (it runs to completion). */
  init?: boolean;
}) {
  const { t } = useI18n();
  const list = [init ? 'initContainers' : 'containers'];
  const at = (...rest: (string | number)[]) => [field, ...rest];
  const general = (
    <>
      <Space wrap align="start">
        <Form.Item
          label={t('create.container.name')}
          name={at('name')}
          rules={[
            { required: true, message: t('create.required') },
            { pattern: DNS_LABEL, max: 63, message: t('create.dnsLabel') },
          ]}
        >
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label={t('create.container.image')}
          name={at('image')}
          rules={[{ required: true, whitespace: true, message: t('create.container.imageRequired') }]}
        >
          <Input style={{ width: 280 }} placeholder="nginx:1.27" />
        </Form.Item>
        <Form.Item label={t('create.container.pullPolicy')} name={at('imagePullPolicy')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={['IfNotPresent', 'Always', 'Never'].map((value) => ({ value, label: value }))}
          />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item
          label={t('create.container.command')}
          name={at('command')}
          tooltip={t('create.linePerItem')}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label={t('create.container.args')} name={at('args')} tooltip={t('create.linePerItem')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} style={{ width: 240 }} />
        </Form.Item>
      </Space>
      <ListField
        name={at('ports')}
        label={t('create.container.ports')}
        addLabel={t('create.container.addPort')}
        initial={{ protocol: 'TCP' }}
        row={(port) => (
          <>
            <Form.Item
              name={[port, 'containerPort']}
              style={{ marginBottom: 0 }}
              rules={[
                { required: true, message: t('create.required') },
                { type: 'integer', min: 1, max: 65535, message: t('create.portRange') },
              ]}
            >
              <InputNumber
                placeholder={t('create.container.port')}
                style={{ width: 110 }}
                aria-label={t('create.container.port')}
              />
            </Form.Item>
            <Form.Item name={[port, 'name']} style={{ marginBottom: 0 }}>
              <Input placeholder={t('create.container.portName')} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name={[port, 'protocol']} style={{ marginBottom: 0 }}>
              <Select
                style={{ width: 90 }}
                options={['TCP', 'UDP', 'SCTP'].map((value) => ({ value, label: value }))}
              />
            </Form.Item>
          </>
        )}
      />
    </>
  );

  const environment = (
    <>
      <ListField
        name={at('env')}
        label={t('create.env.variables')}
        addLabel={t('create.env.add')}
        initial={{ source: 'value' }}
        row={(entry) => (
          <>
            <Form.Item
              name={[entry, 'name']}
              style={{ marginBottom: 0 }}
              rules={[
                { required: true, message: t('create.required') },
                { pattern: ENV_NAME, message: t('create.env.nameInvalid') },
              ]}
            >
              <Input
                placeholder={t('create.env.name')}
                style={{ width: 150 }}
                aria-label={t('create.env.name')}
              />
            </Form.Item>
            <Form.Item name={[entry, 'source']} style={{ marginBottom: 0 }}>
              <Select
                style={{ width: 130 }}
                options={(['value', 'configMap', 'secret'] as const).map((value) => ({
                  value,
                  label: t(`create.env.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {(form) => {
                const source = form.getFieldValue([...list, field, 'env', entry, 'source']) ?? 'value';
                if (source === 'value')
                  return (
                    <Form.Item name={[entry, 'value']} style={{ marginBottom: 0 }}>
                      <Input
                        placeholder={t('create.env.value')}
                        style={{ width: 200 }}
                        aria-label={t('create.env.value')}
                      />
                    </Form.Item>
                  );
                const names = source === 'secret' ? suggestions.secrets : suggestions.configMaps;
                return (
                  <>
                    <Form.Item
                      name={[entry, 'ref', 'name']}
                      style={{ marginBottom: 0 }}
                      rules={[{ required: true, message: t('create.required') }]}
                    >
                      <AutoComplete
                        options={options(names)}
                        placeholder={t(`create.env.${source}Name` as 'create.env.configMapName')}
                        style={{ width: 150 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[entry, 'ref', 'key']}
                      style={{ marginBottom: 0 }}
                      rules={[{ required: true, message: t('create.required') }]}
                    >
                      <Input placeholder={t('create.env.key')} style={{ width: 110 }} />
                    </Form.Item>
                  </>
                );
              }}
            </Form.Item>
          </>
        )}
      />
      <ListField
        name={at('envFrom')}
        label={t('create.env.from')}
        addLabel={t('create.env.addFrom')}
        initial={{ source: 'configMap' }}
        row={(entry) => (
          <>
            <Form.Item name={[entry, 'source']} style={{ marginBottom: 0 }}>
              <Select
                style={{ width: 130 }}
                options={(['configMap', 'secret'] as const).map((value) => ({
                  value,
                  label: t(`create.env.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {(form) => {
                const source = form.getFieldValue([...list, field, 'envFrom', entry, 'source']);
                return (
                  <Form.Item
                    name={[entry, 'name']}
                    style={{ marginBottom: 0 }}
                    rules={[{ required: true, message: t('create.required') }]}
                  >
                    <AutoComplete
                      options={options(source === 'secret' ? suggestions.secrets : suggestions.configMaps)}
                      placeholder={t('create.env.sourceName')}
                      style={{ width: 180 }}
                    />
                  </Form.Item>
                );
              }}
            </Form.Item>
            <Form.Item name={[entry, 'prefix']} style={{ marginBottom: 0 }}>
              <Input placeholder={t('create.env.prefix')} style={{ width: 120 }} />
            </Form.Item>
          </>
        )}
      />
    </>
  );

  const health = (
    <>
      {(['readinessProbe', 'livenessProbe', 'startupProbe'] as const).map((probe) => (
        <Form.Item
          key={probe}
          label={t(`create.probe.${probe}`)}
          tooltip={t(`create.probe.${probe}Help`)}
          style={{ marginBottom: 4 }}
        >
          <HandlerFields name={at(probe)} list={list} probe />
        </Form.Item>
      ))}
      {(['postStart', 'preStop'] as const).map((hook) => (
        <Form.Item
          key={hook}
          label={t(`create.hook.${hook}`)}
          tooltip={t(`create.hook.${hook}Help`)}
          style={{ marginBottom: 4 }}
        >
          <HandlerFields name={at('lifecycle', hook)} list={list} probe={false} />
        </Form.Item>
      ))}
    </>
  );

  const amount = (kind: 'requests' | 'limits', resource: 'cpu' | 'memory') => (
    <Form.Item
      key={`${kind}.${resource}`}
      label={t(`create.resources.${kind}.${resource}`)}
      name={at('resources', kind, resource)}
    >
      <Input style={{ width: 120 }} placeholder={resource === 'cpu' ? '250m' : '256Mi'} />
    </Form.Item>
  );
  const resources = (
    <Space wrap align="start">
      {amount('requests', 'cpu')}
      {amount('requests', 'memory')}
      {amount('limits', 'cpu')}
      {amount('limits', 'memory')}
    </Space>
  );

  const security = (
    <Space wrap align="start">
      <Form.Item label={t('create.security.runAsUser')} name={at('securityContext', 'runAsUser')}>
        <InputNumber style={{ width: 120 }} />
      </Form.Item>
      {(['runAsNonRoot', 'readOnlyRootFilesystem', 'privileged'] as const).map((flag) => (
        <Form.Item
          key={flag}
          name={at('securityContext', flag)}
          valuePropName="checked"
          label=" "
          colon={false}
        >
          <Checkbox>{t(`create.security.${flag}`)}</Checkbox>
        </Form.Item>
      ))}
      <Form.Item name={at('securityContext', 'allowPrivilegeEscalation')} label=" " colon={false}>
        <Select
          allowClear
          style={{ width: 240 }}
          placeholder={t('create.security.escalation')}
          options={[{ value: false, label: t('create.security.noEscalation') }]}
        />
      </Form.Item>
    </Space>
  );

  const mounts = (
    <ListField
      name={at('volumeMounts')}
      addLabel={t('create.mounts.add')}
      row={(mount) => (
        <>
          <Form.Item
            name={[mount, 'volume']}
            style={{ marginBottom: 0 }}
            rules={[{ required: true, message: t('create.required') }]}
          >
            <AutoComplete
              options={options(suggestions.volumes)}
              placeholder={t('create.mounts.volume')}
              style={{ width: 150 }}
            />
          </Form.Item>
          <Form.Item
            name={[mount, 'mountPath']}
            style={{ marginBottom: 0 }}
            rules={[{ required: true, pattern: /^\//, message: t('create.mounts.pathInvalid') }]}
          >
            <Input placeholder="/data" style={{ width: 200 }} aria-label={t('create.mounts.path')} />
          </Form.Item>
          <Form.Item name={[mount, 'readOnly']} valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('create.mounts.readOnly')}</Checkbox>
          </Form.Item>
        </>
      )}
    />
  );

  return (
    <Tabs
      size="small"
      activeKey={tab}
      onChange={onTab}
      items={[
        { key: 'general', label: t('create.tab.general'), children: general, forceRender: true },
        { key: 'env', label: t('create.tab.env'), children: environment, forceRender: true },
        ...(init
          ? []
          : [{ key: 'health', label: t('create.tab.health'), children: health, forceRender: true }]),
        { key: 'resources', label: t('create.tab.resources'), children: resources, forceRender: true },
        { key: 'security', label: t('create.tab.security'), children: security, forceRender: true },
        { key: 'mounts', label: t('create.tab.mounts'), children: mounts, forceRender: true },
      ]}
    />
  );
}
