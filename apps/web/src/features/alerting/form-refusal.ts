import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

/** `/smtp/port`, `smtp.port`, `params[threshold]` → ['smtp', 'port'], ['params', 'threshold']. */
export function stepsOf(field: string): (string | number)[] {
  return field
    .split(/[/.[\]]+/)
    .filter(Boolean)
    .map((step) => (/^\d+$/.test(step) ? Number(step) : step));
}

/**
 * The form field a refusal names, as the form calls it: the longest start of the server's path that
 * the form has (`/smtp/port` → ['smtp', 'port']; `/scope/clusters/0` → ['scope', 'clusters']), or
 * undefined when the form has no such field.
 */
export function formFieldOf(field: string, known: readonly string[]): (string | number)[] | undefined {
  const steps = stepsOf(field);
  for (let length = steps.length; length > 0; length--) {
    const path = steps.slice(0, length);
    if (known.includes(path.join('.'))) return path;
  }
  return undefined;
}

/**
 * Shows a refused save on the field at fault (the server names it) and answers the message when no
 * field of the form is named, for the page to show above the form.
 */
export function showRefusal(
  form: FormInstance,
  error: unknown,
  known: readonly string[],
  /** The server's path in the form's terms, where the form is shaped otherwise. */
  rename: (field: string) => string = (field) => field,
): string | undefined {
  if (!(error instanceof ApiError)) return String(error);
  const problems = (error.body.fields ?? []).filter((problem) => problem.field);
  const named = problems.length
    ? problems.map((problem) => ({ field: problem.field ?? '', message: problem.message ?? error.message }))
    : error.body.field
      ? [{ field: error.body.field, message: error.message }]
      : [];
  let shown = false;
  for (const { field, message } of named) {
    const path = formFieldOf(rename(field), known);
    if (!path) continue;
    form.setFields([{ name: path, errors: [message] }]);
    shown = true;
  }
  return shown ? undefined : error.message;
}
