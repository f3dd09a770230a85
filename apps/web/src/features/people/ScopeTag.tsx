import type { BindingLevel, RoleName } from '@portolan/api';
import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { BindingScope, Subject } from './people-api.ts';

/**
 * Where a binding or a grant applies: the level, then its workspace, cluster and namespace. A
 * workspace grant spelled out per namespace (effective permissions) names the namespace too.
 */
export function ScopeText({ scope }: { scope: BindingScope }) {
  const { t } = useI18n();
  const place = [scope.cluster, scope.namespace].filter(Boolean).join(' / ');
  return (
    <Space size={4}>
      <Tag>{t(`people.level.${scope.level}`)}</Tag>
      {scope.level === 'platform' && <Typography.Text>{t('people.scope.everywhere')}</Typography.Text>}
      {scope.level === 'workspace' && <Typography.Text>{scope.workspace}</Typography.Text>}
      {scope.level === 'workspace' && place && (
        <Typography.Text type="secondary">{t('people.scope.inNamespace', { place })}</Typography.Text>
      )}
      {scope.level !== 'platform' && scope.level !== 'workspace' && (
        <Typography.Text>{place}</Typography.Text>
      )}
    </Space>
  );
}

/** A user or a group, marked which it is. */
export function SubjectText({ subject }: { subject: Subject }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={subject.kind === 'group' ? 'purple' : 'blue'}>{t(`people.subject.${subject.kind}`)}</Tag>
      <Typography.Text>{subject.name}</Typography.Text>
    </Space>
  );
}

/** Admin stands out; Viewer stays quiet. */
export const ROLE_COLOR = { Admin: 'red', Editor: 'gold', Viewer: 'default' } as const;

export const LEVELS: BindingLevel[] = ['platform', 'workspace', 'cluster', 'namespace'];
export const ROLES: RoleName[] = ['Viewer', 'Editor', 'Admin'];
