import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

/**
 * Puts the server's refusal on the form field at fault: the one it names, else the first of the
 * form's fields its message mentions (identity refusals say "username … is not valid", "a password
 * needs …"). Answers false when no field fits, so the caller shows the message above the form.
 */
export function showOnField(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const named = error.field && fields.includes(error.field) ? error.field : undefined;
  const text = error.message.toLowerCase();
  const field = named ?? fields.find((name) => text.includes(name.toLowerCase()));
  if (!field) return false;
  form.setFields([{ name: field, errors: [error.message] }]);
  return true;
}

/** The message a refused request carries, for notices. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
