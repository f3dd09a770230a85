import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { showRefusal } from './form-refusal.ts';

/** Values the form may be filled with: any part of its fields. */
export type FormFill<Values> = Parameters<FormInstance<Values>['setFieldsValue']>[0];

/**
 * The form of a drawer that saves one named document: `reset` clears it (and its refusal) for a new
 * opening; a save says so, makes `refresh` stale and calls `onSaved`; a refusal is shown on the field
 * the server names, or answered as `refusal` for the drawer to show above the form.
 */
export function useSaveForm<Values extends object, Saved extends { name: string }>(options: {
  save(values: Values): Promise<Saved>;
  savedText(name: string): string;
  refresh: QueryKey;
  /** The form's fields a refusal may name, as dotted paths (of the values saved, where they vary). */
  fields: readonly string[] | ((values: Values) => readonly string[]);
  /** The server's path in the form's terms, where the form is shaped otherwise. */
  rename?: (field: string, values: Values) => string;
  onSaved(): void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<string>();
  const { rename } = options;
  const save = useMutation({
    mutationFn: options.save,
    onSuccess: (saved) => {
      void message.success(options.savedText(saved.name));
      void queryClient.invalidateQueries({ queryKey: options.refresh });
      options.onSaved();
    },
    onError: (error, values) => {
      const known = typeof options.fields === 'function' ? options.fields(values) : options.fields;
      setRefusal(showRefusal(form, error, known, rename && ((field) => rename(field, values))));
    },
  });
  const reset = useCallback(
    (values?: FormFill<Values>) => {
      setRefusal(undefined);
      form.resetFields();
      if (values) form.setFieldsValue(values);
    },
    [form],
  );
  return { form, refusal, save, reset };
}

/** What a form's drawer uses of `useSaveForm`. */
export interface SaveForm<Values> {
  form: FormInstance<Values>;
  refusal: string | undefined;
  save: { isPending: boolean; mutate(values: Values): void };
}
