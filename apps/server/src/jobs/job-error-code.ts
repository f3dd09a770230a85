/**
 * A failed job's reason as a code and values (issue #10): the work's error says itself with
 * `messageCode` and `params` (a Helm operation's do: helm-codes.ts); the job keeps them beside its
 * English, and its closing step carries them as `reasonCode` and `reason.<name>` values.
 */
export type Values = Record<string, string | number>;

/** The code and values an error says itself with (`messageCode` and `params`), if it has both. */
export function codeOf(error: unknown): { code: string; params: Values } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { messageCode, params } = error as { messageCode?: unknown; params?: unknown };
  if (typeof messageCode !== 'string' || typeof params !== 'object' || params === null) return undefined;
  const values: Values = {};
  for (const [name, value] of Object.entries(params))
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
  return { code: messageCode, params: values };
}

/** The closing step's values: the reason, and its code with its values as `reason.<name>` beside it. */
export function reasonValues(reason: string, coded: { code: string; params: Values } | undefined): Values {
  const values: Values = { reason };
  if (!coded) return values;
  values.reasonCode = coded.code;
  for (const [name, value] of Object.entries(coded.params)) values[`reason.${name}`] = value;
  return values;
}
