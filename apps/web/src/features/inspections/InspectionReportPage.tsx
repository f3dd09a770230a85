import { INSPECTION_LEVELS, type InspectionFinding, type InspectionRunView } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Result,
  Segmented,
  Skeleton,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { findingText, itemText, runErrorText } from './finding-text.ts';
import { inspectionsApi, reportUrl } from './inspections-api.ts';
import { itemName } from './items.ts';
import { objectLink } from './object-link.ts';
import { RunStateTag, SeverityTag, scoreStatus } from './tags.tsx';

const STATUSES = ['failed', 'skipped', 'exempt'] as const;
type Status = (typeof STATUSES)[number];
const POLL_MS = 1_500;

/** A score gauge: the level's score with what passed, failed and was skipped. */
function ScoreGauge({
  label,
  score,
}: {
  label: string;
  score?: NonNullable<InspectionRunView['scores']>['overall'];
}) {
  const { t, format } = useI18n();
  return (
    <Flex vertical align="center" gap={4} style={{ minWidth: 150 }} data-score={label}>
      <Progress
        type="dashboard"
        size={110}
        percent={score ? Math.round(score.score) : 0}
        status={score ? scoreStatus(score.score) : 'normal'}
        format={() => (score ? format.number(Math.round(score.score)) : '–')}
      />
      <Typography.Text strong>{label}</Typography.Text>
      {score && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('inspections.report.counts', {
            passed: format.number(score.passed),
            failed: format.number(score.failed),
            skipped: format.number(score.skipped),
          })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** A label before its text: a space after "Why:", none after a full-width colon ("影响："). */
const label = (words: string) => (words.endsWith('：') ? words : `${words} `);

/** The findings of one status: object links, what was found, why it matters and how to fix it. */
function FindingsTable({
  run,
  findings,
  status,
}: {
  run: InspectionRunView;
  findings: InspectionFinding[];
  status: Status;
}) {
  const words = useI18n();
  const { t } = words;
  return (
    <Table<InspectionFinding>
      size="small"
      rowKey={(finding, index) =>
        `${finding.item}/${finding.object?.namespace}/${finding.object?.name}/${index}`
      }
      dataSource={findings}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`inspections.report.empty.${status}`)} />
        ),
      }}
      columns={[
        {
          title: t('inspections.severity'),
          key: 'severity',
          render: (_, finding) => <SeverityTag severity={finding.severity} />,
        },
        {
          title: t('inspections.report.check'),
          key: 'item',
          render: (_, finding) => (
            <Flex vertical>
              <span>{itemName(finding.item, t)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`inspections.level.${finding.level}`)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('inspections.report.object'),
          key: 'object',
          render: (_, finding) => {
            const object = finding.object;
            if (!object?.name) return '–';
            const text = `${object.kind ?? ''} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
            const link = objectLink(run.cluster, object);
            return link ? (
              <Link to={link} data-object={object.name}>
                {text}
              </Link>
            ) : (
              <span data-object={object.name}>{text}</span>
            );
          },
        },
        {
          title: status === 'failed' ? t('inspections.report.finding') : t('inspections.report.reason'),
          key: 'message',
          render: (_, finding) => (
            <Flex vertical gap={2} style={{ maxWidth: 620, whiteSpace: 'normal' }}>
              <Typography.Text data-finding-code={finding.code}>
                {findingText(words, finding)}
              </Typography.Text>
              {finding.why && (
                <Typography.Text type="secondary">
                  <strong>{label(t('inspections.report.why'))}</strong>
                  {itemText(words, 'why', finding.item, finding.why)}
                </Typography.Text>
              )}
              {finding.fix && status === 'failed' && (
                <Typography.Text type="secondary">
                  <strong>{label(t('inspections.report.fix'))}</strong>
                  {itemText(words, 'fix', finding.item, finding.fix)}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
      ]}
    />
  );
}

/** /inspections/runs/{id}: a run's progress until it ends, then its report. */
export default function InspectionReportPage() {
  const { id = '' } = useParams();
  const { t, format } = useI18n();
  const [status, setStatus] = useState<Status>('failed');
  const run = useQuery({
    queryKey: ['inspections', 'run', id],
    queryFn: () => inspectionsApi.runView(id),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? POLL_MS : false),
  });
  const view = run.data;
  const now = Date.now();
  if (run.error) return <ErrorNotice error={run.error} onRetry={() => void run.refetch()} />;
  if (!view) return <Skeleton active />;
  const findings = view.findings ?? [];
  const of = (wanted: Status) => findings.filter((finding) => finding.status === wanted);
  const objects = Object.entries(view.objects ?? {});

  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[
          { title: <Link to="/inspections">{t('inspections.title')}</Link> },
          { title: t('inspections.report.title') },
        ]}
      />
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('inspections.report.heading', { config: view.config, cluster: view.cluster })}
          </Typography.Title>
          <Space>
            <RunStateTag run={view} />
            <Typography.Text type="secondary">
              {t('inspections.report.started', {
                at: format.dateTime(view.startedAt),
                ago: format.ago(view.startedAt, now),
              })}
            </Typography.Text>
          </Space>
        </div>
        {view.state !== 'running' && (
          <Space>
            <Button href={reportUrl(view.id, 'html')} target="_blank" rel="noopener">
              {t('inspections.report.html')}
            </Button>
            <Button href={reportUrl(view.id, 'json')} download>
              {t('inspections.report.json')}
            </Button>
          </Space>
        )}
      </Flex>
      {view.state === 'running' && (
        <Card size="small">
          <Result
            icon={<Spin size="large" />}
            title={t('inspections.report.running')}
            subTitle={t('inspections.report.runningFor', { ago: format.ago(view.startedAt, now) })}
          />
        </Card>
      )}
      {view.state === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('inspections.report.runFailed')}
          description={runErrorText({ t, format }, view)}
        />
      )}
      {view.state !== 'running' && (
        <>
          <Card size="small">
            <Flex gap={24} wrap justify="space-around">
              <ScoreGauge label={t('inspections.report.overall')} score={view.scores?.overall} />
              {INSPECTION_LEVELS.map((level) => (
                <ScoreGauge
                  key={level}
                  label={t(`inspections.level.${level}`)}
                  score={view.scores?.[level]}
                />
              ))}
            </Flex>
          </Card>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 3 }} layout="horizontal">
              <Descriptions.Item label={t('inspections.trigger')}>
                {view.trigger === 'manual'
                  ? t('inspections.trigger.manual', { user: view.startedBy ?? '–' })
                  : t('inspections.trigger.schedule')}
              </Descriptions.Item>
              <Descriptions.Item label={t('inspections.duration')}>
                {view.durationMs === undefined
                  ? '–'
                  : t('inspections.seconds', { n: format.number(view.durationMs / 1000) })}
              </Descriptions.Item>
              <Descriptions.Item label={t('inspections.report.objects')} span={3}>
                {objects.length ? (
                  <Flex wrap gap={4}>
                    {objects
                      .filter(([, count]) => count > 0)
                      .map(([kind, count]) => (
                        <Tag key={kind} style={{ margin: 0 }}>
                          {kind} {format.number(count)}
                        </Tag>
                      ))}
                  </Flex>
                ) : (
                  '–'
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {view.hidden ? (
            <Alert
              type="info"
              showIcon
              title={t('inspections.report.hidden', { count: format.number(view.hidden) })}
            />
          ) : null}
          <Card size="small">
            <Flex vertical gap={8}>
              <Segmented
                aria-label={t('inspections.state')}
                value={status}
                onChange={(value) => setStatus(value as Status)}
                options={STATUSES.map((value) => ({
                  value,
                  label: t(`inspections.report.tab.${value}`, { count: format.number(of(value).length) }),
                }))}
              />
              <FindingsTable run={view} findings={of(status)} status={status} />
            </Flex>
          </Card>
        </>
      )}
    </Flex>
  );
}
