import type { ConnectionFacts } from '@portolan/api';
import { Alert, Descriptions, Flex, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import type { MessageKey } from '../../app/en.ts';
import { useI18n } from '../../app/i18n.tsx';
import { resourceName } from './clusters-api.ts';

/** What a connection test came to: the facts, or the reason it failed. */
export type TestOutcome = { facts: ConnectionFacts } | { error: unknown };

// The server also words the missing permissions as a warning; they are shown translated and whole below.
const MISSING_WARNING = /^sync cannot list and watch /;
// Long lists stay readable: the rest is counted in the title.
const SHOWN_RESOURCES = 24;

/** A connection test's answer, compact: where it connected, as whom, and what sync will lack. */
export function ConnectionTestResult({ outcome }: { outcome: TestOutcome }) {
  const { t } = useI18n();
  if ('error' in outcome) {
    const { error } = outcome;
    const field = error instanceof ApiError ? error.body.field : undefined;
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="connection-test"
        style={{ marginBottom: 16 }}
        title={t('clusters.test.failed')}
        description={
          <>
            <div>{error instanceof Error ? error.message : String(error)}</div>
            {field ? (
              <Typography.Text type="secondary">{t('clusters.test.where', { field })}</Typography.Text>
            ) : null}
          </>
        }
      />
    );
  }
  return <ConnectionFactsView facts={outcome.facts} />;
}

function ConnectionFactsView({ facts }: { facts: ConnectionFacts }) {
  const { t, format } = useI18n();
  const warnings = facts.warnings.filter((warning) => !MISSING_WARNING.test(warning));
  const missing = facts.missingPermissions;
  const attention = missing.length > 0 || warnings.length > 0;
  const now = Date.now();
  const items = [
    {
      key: 'context',
      label: t('clusters.test.context'),
      children: (
        <>
          {facts.context.name}{' '}
          <Typography.Text type="secondary">
            ({facts.context.cluster} · {facts.context.user})
          </Typography.Text>
        </>
      ),
    },
    { key: 'version', label: t('clusters.test.version'), children: facts.version.gitVersion },
    { key: 'platform', label: t('clusters.test.platform'), children: facts.platform },
    {
      key: 'nodes',
      label: t('clusters.test.nodes'),
      children:
        facts.nodeCount === null ? (
          <Typography.Text type="warning">{t('clusters.test.nodesUnknown')}</Typography.Text>
        ) : (
          format.number(facts.nodeCount)
        ),
    },
    {
      key: 'identity',
      label: t('clusters.test.identity'),
      children: facts.identity ? (
        <Flex vertical>
          <Typography.Text code>{facts.identity.username}</Typography.Text>
          {facts.identity.groups.length > 0 ? (
            <Typography.Text type="secondary">
              {t('clusters.test.groups', { groups: facts.identity.groups.join(', ') })}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('clusters.test.identityUnknown')}</Typography.Text>
      ),
    },
    ...(facts.credentialExpiry.length > 0
      ? [
          {
            key: 'expiry',
            label: t('clusters.test.expiry'),
            children: (
              <Flex vertical>
                {facts.credentialExpiry.map((item) => (
                  <span key={`${item.kind}-${item.field}`}>
                    {t('clusters.test.expiryItem', {
                      kind: t(`clusters.test.kind.${item.kind}` as MessageKey),
                      when: item.expiresAt
                        ? t('clusters.test.expiresAt', {
                            date: format.dateTime(item.expiresAt),
                            ago: format.ago(item.expiresAt, now),
                          })
                        : t('clusters.test.noExpiry'),
                    })}
                    {item.renewable ? (
                      <Tag style={{ marginInlineStart: 8 }}>{t('clusters.test.renewable')}</Tag>
                    ) : null}
                  </span>
                ))}
              </Flex>
            ),
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="connection-test">
      <Alert
        type={attention ? 'warning' : 'success'}
        showIcon
        title={t(attention ? 'clusters.test.okWithWarnings' : 'clusters.test.ok', { server: facts.server })}
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={items}
        styles={{ label: { whiteSpace: 'nowrap' } }}
      />
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('clusters.test.missingTitle', { count: missing.length })}
          description={
            <>
              <div>{t('clusters.test.missingText')}</div>
              <div>
                {missing.slice(0, SHOWN_RESOURCES).map(resourceName).join(', ')}
                {missing.length > SHOWN_RESOURCES ? ', …' : ''}
              </div>
            </>
          }
        />
      ) : null}
      {warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('clusters.test.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Flex>
  );
}
