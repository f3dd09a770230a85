import { Form, Input, InputNumber, Select, Space } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useI18n } from '../../app/i18n.tsx';

/** A probe or lifecycle hook: HTTP GET, TCP socket or a command, with a probe's timings. */
export function HandlerFields({
  name,
  list,
  probe,
}: {
  /** The field's name inside its Form.List row. */
  name: (string | number)[];
  /** The list's own name, to read the chosen type by the field's full name. */
  list: (string | number)[];
  probe: boolean;
}) {
  const { t } = useI18n();
  const at = (...rest: (string | number)[]): NamePath => [...name, ...rest];
  return (
    <Form.Item noStyle shouldUpdate>
      {(form) => {
        const type = form.getFieldValue([...list, ...name, 'type']) ?? 'none';
        return (
          <Space wrap align="start">
            <Form.Item name={at('type')} initialValue="none" style={{ marginBottom: 8 }}>
              <Select
                style={{ width: 130 }}
                options={(['none', 'http', 'tcp', 'exec'] as const).map((value) => ({
                  value,
                  label: t(`create.handler.${value}`),
                }))}
              />
            </Form.Item>
            {type === 'http' && (
              <Form.Item name={at('path')} style={{ marginBottom: 8 }}>
                <Input placeholder="/healthz" style={{ width: 140 }} aria-label={t('create.handler.path')} />
              </Form.Item>
            )}
            {(type === 'http' || type === 'tcp') && (
              <Form.Item
                name={at('port')}
                style={{ marginBottom: 8 }}
                rules={[{ required: true, message: t('create.handler.portRequired') }]}
              >
                <Input
                  placeholder={t('create.handler.port')}
                  style={{ width: 110 }}
                  aria-label={t('create.handler.port')}
                />
              </Form.Item>
            )}
            {type === 'exec' && (
              <Form.Item
                name={at('command')}
                style={{ marginBottom: 8 }}
                rules={[{ required: true, message: t('create.handler.commandRequired') }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  style={{ width: 240 }}
                  placeholder={t('create.linePerItem')}
                  aria-label={t('create.handler.command')}
                />
              </Form.Item>
            )}
            {probe && type !== 'none' && (
              <>
                <Form.Item name={at('initialDelaySeconds')} style={{ marginBottom: 8 }}>
                  <InputNumber
                    placeholder={t('create.probe.delay')}
                    style={{ width: 120 }}
                    aria-label={t('create.probe.delay')}
                  />
                </Form.Item>
                <Form.Item name={at('periodSeconds')} style={{ marginBottom: 8 }}>
                  <InputNumber
                    placeholder={t('create.probe.period')}
                    style={{ width: 120 }}
                    aria-label={t('create.probe.period')}
                  />
                </Form.Item>
                <Form.Item name={at('failureThreshold')} style={{ marginBottom: 8 }}>
                  <InputNumber
                    placeholder={t('create.probe.failures')}
                    style={{ width: 120 }}
                    aria-label={t('create.probe.failures')}
                  />
                </Form.Item>
              </>
            )}
          </Space>
        );
      }}
    </Form.Item>
  );
}
