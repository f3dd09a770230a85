import { Alert, Form } from 'antd';
import type { ReactNode } from 'react';
import { FormDrawer } from '../backups/FormDrawer.tsx';
import type { FormFill, SaveForm } from './use-save-form.ts';

/** The drawer of one named document's form (`useSaveForm`): a refused save is shown above the fields. */
export function DocumentDrawer<Values extends object>(props: {
  open: boolean;
  onClose(): void;
  title: ReactNode;
  size: number;
  editor: SaveForm<Values>;
  saveText: string;
  /** False while the form cannot be saved yet (what it is filled from is still loading). */
  ready?: boolean;
  /** Shown above the form (a list the form offers failed to load). */
  notice?: ReactNode;
  initialValues?: FormFill<Values>;
  children: ReactNode;
}) {
  const { form, refusal, save } = props.editor;
  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      size={props.size}
      title={props.title}
      saveText={props.saveText}
      saving={save.isPending}
      saveDisabled={props.ready === false}
      onSave={() => form.submit()}
    >
      {props.notice}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={(values) => save.mutate(values)}
      >
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
        {props.children}
      </Form>
    </FormDrawer>
  );
}
