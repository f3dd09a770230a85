import { AutoComplete, Form, Input, InputNumber, Select } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { ListField } from './ListField.tsx';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** key=value rows (labels, node selector). */
export function PairsField({ name, label, addLabel }: { name: string; label: string; addLabel: string }) {
  const { t } = useI18n();
  return (
    <ListField
      name={name}
      label={label}
      addLabel={addLabel}
      row={(pair) => (
        <>
          <Form.Item
            name={[pair, 'key']}
            style={{ marginBottom: 0 }}
            rules={[{ required: true, message: t('create.required') }]}
          >
            <Input placeholder={t('create.key')} style={{ width: 200 }} aria-label={t('create.key')} />
          </Form.Item>
          <Form.Item name={[pair, 'value']} style={{ marginBottom: 0 }}>
            <Input placeholder={t('create.value')} style={{ width: 180 }} aria-label={t('create.value')} />
          </Form.Item>
        </>
      )}
    />
  );
}

/** The pod's volumes: a ConfigMap, a Secret, a claim or an empty directory, each under a name mounts use. */
export function VolumeFields({
  configMaps,
  secrets,
  claims,
}: {
  configMaps: string[];
  secrets: string[];
  claims: string[];
}) {
  const { t } = useI18n();
  return (
    <ListField
      name="volumes"
      addLabel={t('create.volumes.add')}
      initial={{ type: 'emptyDir' }}
      row={(volume) => (
        <>
          <Form.Item
            name={[volume, 'name']}
            style={{ marginBottom: 0 }}
            rules={[
              { required: true, message: t('create.required') },
              { pattern: DNS_LABEL, message: t('create.dnsLabel') },
            ]}
          >
            <Input
              placeholder={t('create.volumes.name')}
              style={{ width: 150 }}
              aria-label={t('create.volumes.name')}
            />
          </Form.Item>
          <Form.Item name={[volume, 'type']} style={{ marginBottom: 0 }}>
            <Select
              style={{ width: 170 }}
              options={(['emptyDir', 'configMap', 'secret', 'pvc'] as const).map((value) => ({
                value,
                label: t(`create.volumes.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {(form) => {
              const type = form.getFieldValue(['volumes', volume, 'type']);
              if (type === 'emptyDir' || !type) return null;
              const names = type === 'secret' ? secrets : type === 'pvc' ? claims : configMaps;
              return (
                <Form.Item
                  name={[volume, 'source']}
                  style={{ marginBottom: 0 }}
                  rules={[{ required: true, message: t('create.required') }]}
                >
                  <AutoComplete
                    options={names.map((value) => ({ value }))}
                    placeholder={t(`create.volumes.${type}Name` as 'create.volumes.configMapName')}
                    style={{ width: 200 }}
                  />
                </Form.Item>
              );
            }}
          </Form.Item>
        </>
      )}
    />
  );
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

/** Where the pods may run: node labels, node affinity, near or away from other pods, taints they tolerate. */
export function SchedulingFields() {
  const { t } = useI18n();
  const rules = (name: 'podAffinity' | 'podAntiAffinity') => (
    <ListField
      name={name}
      label={t(`create.scheduling.${name}`)}
      addLabel={t('create.scheduling.addRule')}
      initial={{ topologyKey: 'kubernetes.io/hostname' }}
      row={(rule) => (
        <>
          <Form.Item
            name={[rule, 'labels']}
            style={{ marginBottom: 0 }}
            rules={[{ required: true, message: t('create.required') }]}
          >
            <Input
              placeholder="app=db, tier=data"
              style={{ width: 180 }}
              aria-label={t('create.scheduling.podLabels')}
            />
          </Form.Item>
          <Form.Item
            name={[rule, 'topologyKey']}
            style={{ marginBottom: 0 }}
            rules={[{ required: true, message: t('create.required') }]}
          >
            <AutoComplete
              style={{ width: 220 }}
              options={['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((value) => ({ value }))}
            />
          </Form.Item>
          <Form.Item
            name={[rule, 'weight']}
            style={{ marginBottom: 0 }}
            rules={[{ type: 'integer', min: 1, max: 100, message: t('create.scheduling.weightRange') }]}
          >
            <InputNumber placeholder={t('create.scheduling.weight')} style={{ width: 150 }} />
          </Form.Item>
        </>
      )}
    />
  );
  return (
    <>
      <PairsField
        name="nodeSelector"
        label={t('create.scheduling.nodeSelector')}
        addLabel={t('create.addLabel')}
      />
      <ListField
        name="nodeAffinity"
        label={t('create.scheduling.nodeAffinity')}
        addLabel={t('create.scheduling.addRequirement')}
        initial={{ operator: 'In' }}
        row={(requirement) => (
          <>
            <Form.Item
              name={[requirement, 'key']}
              style={{ marginBottom: 0 }}
              rules={[{ required: true, message: t('create.required') }]}
            >
              <Input placeholder={t('create.key')} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name={[requirement, 'operator']} style={{ marginBottom: 0 }}>
              <Select style={{ width: 130 }} options={OPERATORS.map((value) => ({ value, label: value }))} />
            </Form.Item>
            <Form.Item name={[requirement, 'values']} style={{ marginBottom: 0 }}>
              <Input placeholder={t('create.scheduling.values')} style={{ width: 180 }} />
            </Form.Item>
          </>
        )}
      />
      {rules('podAffinity')}
      {rules('podAntiAffinity')}
      <ListField
        name="tolerations"
        label={t('create.scheduling.tolerations')}
        addLabel={t('create.scheduling.addToleration')}
        initial={{ operator: 'Equal', effect: 'NoSchedule' }}
        row={(toleration) => (
          <>
            <Form.Item name={[toleration, 'key']} style={{ marginBottom: 0 }}>
              <Input placeholder={t('create.key')} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name={[toleration, 'operator']} style={{ marginBottom: 0 }}>
              <Select
                style={{ width: 100 }}
                options={['Equal', 'Exists'].map((value) => ({ value, label: value }))}
              />
            </Form.Item>
            <Form.Item name={[toleration, 'value']} style={{ marginBottom: 0 }}>
              <Input placeholder={t('create.value')} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name={[toleration, 'effect']} style={{ marginBottom: 0 }}>
              <Select
                allowClear
                style={{ width: 150 }}
                options={['NoSchedule', 'PreferNoSchedule', 'NoExecute'].map((value) => ({
                  value,
                  label: value,
                }))}
              />
            </Form.Item>
            <Form.Item name={[toleration, 'tolerationSeconds']} style={{ marginBottom: 0 }}>
              <InputNumber placeholder={t('create.scheduling.seconds')} style={{ width: 110 }} />
            </Form.Item>
          </>
        )}
      />
    </>
  );
}

/** A Service in front of the pods, of the chosen type, with its ports. */
export function ServiceFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name={['service', 'type']} label={t('create.service.type')} initialValue="None">
        <Select
          style={{ width: 220 }}
          options={(['None', 'ClusterIP', 'NodePort', 'LoadBalancer'] as const).map((value) => ({
            value,
            label: t(`create.service.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(before, after) => before.service?.type !== after.service?.type}>
        {(form) => {
          const type = form.getFieldValue(['service', 'type']);
          if (!type || type === 'None') return null;
          return (
            <ListField
              name={['service', 'ports']}
              label={t('create.service.ports')}
              addLabel={t('create.container.addPort')}
              initial={{ protocol: 'TCP' }}
              row={(port) => (
                <>
                  <Form.Item
                    name={[port, 'port']}
                    style={{ marginBottom: 0 }}
                    rules={[
                      { required: true, message: t('create.required') },
                      { type: 'integer', min: 1, max: 65535, message: t('create.portRange') },
                    ]}
                  >
                    <InputNumber placeholder={t('create.service.port')} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[port, 'targetPort']}
                    style={{ marginBottom: 0 }}
                    rules={[{ type: 'integer', min: 1, max: 65535, message: t('create.portRange') }]}
                  >
                    <InputNumber placeholder={t('create.service.targetPort')} style={{ width: 140 }} />
                  </Form.Item>
                  {type !== 'ClusterIP' && (
                    <Form.Item
                      name={[port, 'nodePort']}
                      style={{ marginBottom: 0 }}
                      rules={[{ type: 'integer', min: 1, max: 65535, message: t('create.portRange') }]}
                    >
                      <InputNumber placeholder={t('create.service.nodePort')} style={{ width: 140 }} />
                    </Form.Item>
                  )}
                  <Form.Item name={[port, 'protocol']} style={{ marginBottom: 0 }}>
                    <Select
                      style={{ width: 90 }}
                      options={['TCP', 'UDP'].map((value) => ({ value, label: value }))}
                    />
                  </Form.Item>
                </>
              )}
            />
          );
        }}
      </Form.Item>
    </>
  );
}
