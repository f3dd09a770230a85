import { Checkbox, Input, Table, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { dnsLabelProblem } from './restore-form.ts';

export interface MappingRow {
  name: string;
  chosen: boolean;
  /** The namespace it becomes in the target; '' keeps its name. */
  target: string;
}

const PROBLEM_KEYS = {
  empty: 'backups.wizard.nameEmpty',
  long: 'backups.wizard.nameLong',
  chars: 'backups.wizard.nameChars',
} as const;

/** Why a row's target name is refused, in words; undefined when it is fine (or kept as it was). */
export function useTargetProblem() {
  const { t } = useI18n();
  return (row: MappingRow): string | undefined => {
    if (!row.chosen || row.target === '') return undefined;
    const problem = dnsLabelProblem(row.target);
    return problem ? t(PROBLEM_KEYS[problem]) : undefined;
  };
}

/** The backup's namespaces, each chosen or not, and the name it gets in the target cluster. */
export function NamespaceMapping(props: { rows: MappingRow[]; onChange(rows: MappingRow[]): void }) {
  const { t } = useI18n();
  const problemOf = useTargetProblem();
  const change = (name: string, patch: Partial<MappingRow>) =>
    props.onChange(props.rows.map((row) => (row.name === name ? { ...row, ...patch } : row)));
  const allChosen = props.rows.length > 0 && props.rows.every((row) => row.chosen);
  return (
    <Table<MappingRow>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={props.rows}
      columns={[
        {
          key: 'chosen',
          width: 40,
          title: (
            <Checkbox
              checked={allChosen}
              indeterminate={!allChosen && props.rows.some((row) => row.chosen)}
              onChange={(event) =>
                props.onChange(props.rows.map((row) => ({ ...row, chosen: event.target.checked })))
              }
            />
          ),
          render: (_, row) => (
            <Checkbox
              aria-label={row.name}
              checked={row.chosen}
              onChange={(event) => change(row.name, { chosen: event.target.checked })}
            />
          ),
        },
        { title: t('backups.namespace'), dataIndex: 'name', key: 'name' },
        {
          title: t('backups.wizard.restoreAs'),
          key: 'target',
          render: (_, row) => {
            const problem = problemOf(row);
            return (
              <div>
                <Input
                  data-target-for={row.name}
                  aria-label={`${t('backups.wizard.restoreAs')} ${row.name}`}
                  disabled={!row.chosen}
                  status={problem ? 'error' : undefined}
                  placeholder={row.name}
                  value={row.target}
                  style={{ width: 260 }}
                  onChange={(event) => change(row.name, { target: event.target.value })}
                />
                {problem && (
                  <div>
                    <Typography.Text type="danger" data-target-problem={row.name}>
                      {problem}
                    </Typography.Text>
                  </div>
                )}
              </div>
            );
          },
        },
      ]}
    />
  );
}
