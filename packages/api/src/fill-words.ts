/**
 * The English of a coded reason: its words with each `{name}` filled from its values. A value that is
 * missing stays visible as `{name}` rather than vanishing from the sentence.
 */
export function fillWords(words: string, params: Readonly<Record<string, string | number>>): string {
  return words.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
