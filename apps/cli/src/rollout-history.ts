import type { Revision } from '@portolan/api';
import { ageOf } from '@portolan/kinds';
import { type CommandContext, CommandFailed } from './command-context.ts';
import { printTable } from './output.ts';
import { formatDocument } from './resource-output.ts';

export type { Revision };

/** The revisions table, oldest first, with the current one marked; or one revision's template. */
export function historyTable(revisions: Revision[], now: Date): { header: string[]; rows: string[][] } {
  return {
    header: ['REVISION', 'CURRENT', 'AGE', 'IMAGES', 'CHANGE-CAUSE'],
    rows: revisions.map((entry) => [
      String(entry.revision),
      entry.current ? '*' : '',
      ageOf(entry.createdAt, now),
      entry.images.join(',') || '<none>',
      entry.changeCause ?? '<none>',
    ]),
  };
}

export function printHistory(
  label: string,
  revisions: Revision[],
  revision: number | undefined,
  context: CommandContext,
): void {
  if (revision !== undefined) {
    const found = revisions.find((entry) => entry.revision === revision);
    if (!found) {
      const kept = revisions.map((entry) => entry.revision).join(', ') || 'none';
      throw new CommandFailed(`${label} has no revision ${revision}; it keeps ${kept}`);
    }
    context.out(`${label} with revision #${revision}`);
    context.write(formatDocument(found.template ?? {}, 'yaml'));
    return;
  }
  context.out(label);
  const { header, rows } = historyTable(revisions, context.now());
  printTable(context.out, header, rows);
}
