import { Alert, Button, Flex, Form, type FormInstance, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from './i18n.tsx';

/** A value edited where it is shown: open or not, and a save that closes the form or keeps its refusal. */
export function useEditInPlace() {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  return {
    editing,
    busy,
    /** The last refusal, in the server's words. */
    problem,
    start: () => {
      setProblem(undefined);
      setEditing(true);
    },
    stop: () => setEditing(false),
    save: async (write: () => Promise<unknown>) => {
      setBusy(true);
      setProblem(undefined);
      try {
        await write();
        setEditing(false);
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      } finally {
        setBusy(false);
      }
    },
  };
}

export type EditInPlace = ReturnType<typeof useEditInPlace>;

/** The value as shown, with an Edit button under it where the user may edit. */
export function EditInPlaceView(props: {
  editable: boolean;
  /** The button's accessible name ("Edit labels"). */
  editLabel: string;
  editText: string;
  onEdit(): void;
  children: ReactNode;
}) {
  return (
    <Flex vertical gap={6} align="flex-start">
      {props.children}
      {props.editable && (
        <Button aria-label={props.editLabel} onClick={props.onEdit}>
          {props.editText}
        </Button>
      )}
    </Flex>
  );
}

/** The form of a value edited in place: the refusal above its fields, Save and Cancel under them. */
export function EditInPlaceForm<Values>(props: {
  edit: EditInPlace;
  form: FormInstance<Values>;
  /** Names the form for tests and screen readers. */
  name: string;
  saveText: string;
  onFinish(values: Values): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { edit } = props;
  return (
    <Form form={props.form} name={props.name} onFinish={props.onFinish} size="small">
      {edit.problem && (
        <Alert type="error" showIcon title={edit.problem} style={{ marginBottom: 8 }} role="alert" />
      )}
      {props.children}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" htmlType="submit" loading={edit.busy}>
          {props.saveText}
        </Button>
        <Button onClick={edit.stop}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
