import { Alert, Card, Descriptions, Flex, Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { MetricsEngineStatus } from './monitoring-api.ts';

/** The engine's mode, whether it answers (and why not), and the limits it runs with. */
export function EngineStatus({ engine }: { engine: MetricsEngineStatus }) {
  const { t, format } = useI18n();
  const optional = (value: number | string | undefined, show: (v: never) => string = String) =>
    value === undefined ? '–' : show(value as never);
  return (
    <Card size="small" title={t('monitoring.engine.title')}>
      <Flex vertical gap={8}>
        {!engine.available && (
          <Alert
            type="warning"
            showIcon
            title={t('monitoring.engine.unavailable')}
            description={engine.reason}
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('monitoring.engine.mode')}>
            {t(`monitoring.engine.mode.${engine.mode}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.state')}>
            <Tag color={engine.available ? 'success' : 'warning'} data-testid="engine-state">
              {t(engine.available ? 'monitoring.engine.available' : 'monitoring.engine.unavailable')}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.version')}>
            {optional(engine.version)}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.replica')}>
            {optional(engine.replica)}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.retention')}>
            {optional(engine.retention)}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.retentionBytes')}>
            {optional(engine.retentionBytes, format.bytes)}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.sampleLimit')}>
            {optional(engine.sampleLimit, format.number)}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.scrapeInterval')}>
            {optional(engine.scrapeIntervalSeconds, (n: number) => t('monitoring.engine.seconds', { n }))}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.memory')}>
            {optional(engine.memoryBytes, format.bytes)}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.engine.series')}>
            {optional(engine.series, format.number)}
          </Descriptions.Item>
        </Descriptions>
      </Flex>
    </Card>
  );
}
