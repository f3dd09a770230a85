import type { Compilable } from 'kysely';
import type { Branch } from './namespace-branches.ts';

/** Stand-ins for a part's place: values no place has, found again among the compiled parameters. */
const MARK: Branch = {
  typeId: -1_999_999_999,
  clusterId: '\u0000the cluster of a merged part',
  namespace: '\u0000the namespace of a merged part',
};
const MARKS = [MARK.typeId, MARK.clusterId, MARK.namespace];

/**
 * A merged search's statement: one `select * from (part)` per place, each part the same query but for
 * its place, merged by `tail` (`order by … limit …`). Built from one compiled part rather than one
 * per place (Kysely builds and compiles a part in about 50 µs: a millisecond a search for 20 parts).
 * The filters' values are parameters all parts share, numbered first; each part's place has three of
 * its own after them. Its text depends only on the search's shape and the number of parts, as a kept
 * plan needs. Undefined when the part does not hold each stand-in once as a parameter (then build the
 * parts one by one).
 */
export function mergedStatement(
  part: (branch: Branch) => Compilable<unknown>,
  branches: Branch[],
  tail: string,
): { sql: string; parameters: unknown[] } | undefined {
  const compiled = part(MARK).compile();
  const given = compiled.parameters;
  const marks = MARKS.map((mark) => given.indexOf(mark));
  if (marks.some((at, i) => at < 0 || given.lastIndexOf(MARKS[i]) !== at)) return undefined;
  const parameters: unknown[] = [];
  const renumbered = new Map<number, number>();
  given.forEach((value, at) => {
    if (marks.includes(at)) return;
    parameters.push(value);
    renumbered.set(at + 1, parameters.length);
  });
  const parts = branches.map((branch) => {
    const first = parameters.length + 1;
    parameters.push(branch.typeId, branch.clusterId, branch.namespace);
    const text = compiled.sql.replace(/\$(\d+)/g, (_, n: string) => {
      const mark = marks.indexOf(Number(n) - 1);
      return `$${mark >= 0 ? first + mark : renumbered.get(Number(n))}`;
    });
    return `select * from (${text}) as b`;
  });
  return { sql: `${parts.join(' union all ')}${tail}`, parameters };
}

/** Stand-ins for what differs between the parts of SQLite's merge besides the place. */
const PART_MARK = -1_999_999_998;
const LIMIT_MARK = -1_999_999_997;

/** What a part of SQLite's merge is built with: its place, its number and how many rows it gives. */
export interface PartOf {
  branch: Branch;
  part: number;
  limit: number;
}

/**
 * SQLite's merged statement (`?` parameters, taken in order): each part repeats the one compiled
 * part's parameters with its own place, number and row limit, which the part must hold as parameters
 * (SQLite plans each statement anew: a parameter costs it nothing). Undefined when a stand-in is not
 * there exactly once, or the text's `?` are not the parameters (then build the parts one by one).
 */
export function mergedPositional(
  part: (of: PartOf) => Compilable<unknown>,
  branches: Branch[],
  limitOf: (part: number) => number,
  tail: string,
): { sql: string; parameters: unknown[] } | undefined {
  const compiled = part({ branch: MARK, part: PART_MARK, limit: LIMIT_MARK }).compile();
  const given = compiled.parameters;
  const marks = [...MARKS, PART_MARK, LIMIT_MARK];
  if (marks.some((mark) => given.indexOf(mark) < 0 || given.indexOf(mark) !== given.lastIndexOf(mark)))
    return undefined;
  if (compiled.sql.split('?').length - 1 !== given.length) return undefined;
  const parameters: unknown[] = [];
  branches.forEach((branch, i) => {
    const values = [branch.typeId, branch.clusterId, branch.namespace, i, limitOf(i)];
    for (const value of given) {
      const mark = marks.indexOf(value as never);
      parameters.push(mark >= 0 ? values[mark] : value);
    }
  });
  const text = `select * from (${compiled.sql}) as b`;
  return { sql: `${branches.map(() => text).join(' union all ')}${tail}`, parameters };
}
