import { Button, Popover, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

const EXAMPLES = [
  ['pods', 'search.help.kinds'],
  ['configmaps,secrets', 'search.help.kindList'],
  ['workloads', 'search.help.collections'],
  ['app=web', 'search.help.label'],
  ['tier!=db', 'search.help.labelNot'],
  ['"env in (prod,staging)"', 'search.help.labelIn'],
  ['label:team', 'search.help.labelHas'],
  ['ns:shop', 'search.help.namespace'],
  ['cluster:eu', 'search.help.cluster'],
  ['name~api', 'search.help.nameContains'],
  ['name:api-7d9f', 'search.help.name'],
] as const;

/** The search box's syntax, with an example of each part. */
export function SearchHelp() {
  const { t } = useI18n();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('search.help.title')}
      content={
        <div style={{ maxWidth: 460 }}>
          <table>
            <tbody>
              {EXAMPLES.map(([example, key]) => (
                <tr key={example}>
                  <td style={{ paddingInlineEnd: 12, whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                    <Typography.Text code>{example}</Typography.Text>
                  </td>
                  <td>{t(key)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('search.help.combine')}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            <Typography.Text code>pods app=web ns:shop name~api cluster:eu</Typography.Text>
          </Typography.Paragraph>
        </div>
      }
    >
      <Button size="large" aria-label={t('search.help.title')}>
        {t('search.help.button')}
      </Button>
    </Popover>
  );
}
