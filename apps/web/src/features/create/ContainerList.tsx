import { Button, Card, Flex, Form, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { ContainerFields, type Suggestions } from './ContainerFields.tsx';

/**
 * The workload's containers (or, with `init`, its init containers) as cards, one per container, each
 * with its tabs; `tabs` holds each card's open tab by `containers.0` / `initContainers.0`.
 */
export function ContainerList(props: {
  init?: boolean;
  suggestions: Suggestions;
  tabs: Record<string, string>;
  onTab: (key: string, tab: string) => void;
}) {
  const { t } = useI18n();
  const { init = false } = props;
  const list = init ? 'initContainers' : 'containers';
  return (
    <Form.List name={list}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Card
              key={field.key}
              size="small"
              {...(init ? { 'data-init-container': field.name } : {})}
              title={t(init ? 'create.section.initContainer' : 'create.section.container', {
                number: field.name + 1,
              })}
              extra={
                (init || fields.length > 1) && (
                  <Button size="small" type="text" danger onClick={() => remove(field.name)}>
                    {t(init ? 'create.removeInitContainer' : 'create.removeContainer')}
                  </Button>
                )
              }
            >
              <ContainerFields
                init={init}
                field={field.name}
                suggestions={props.suggestions}
                tab={props.tabs[`${list}.${field.name}`] ?? 'general'}
                onTab={(tab) => props.onTab(`${list}.${field.name}`, tab)}
              />
            </Card>
          ))}
          <Flex gap={8} align="center" wrap>
            <Button
              type="dashed"
              onClick={() => add({ name: `${init ? 'init' : 'app'}-${fields.length + 1}`, image: '' })}
            >
              + {t(init ? 'create.addInitContainer' : 'create.addContainer')}
            </Button>
            {init && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('create.initHelp')}
              </Typography.Text>
            )}
          </Flex>
        </>
      )}
    </Form.List>
  );
}
