import { type InspectionConfigSpec, readCron } from '@portolan/api';
import { ITEMS_BY_ID } from './catalogue.ts';
import { InspectionError } from './inspection-errors.ts';

const known = () => [...ITEMS_BY_ID.keys()].join(', ');

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Names are matched against the store as they are: a control character in one can only be a mistake. */
function refuseControlCharacters(spec: InspectionConfigSpec): void {
  const texts: Array<[string, string | undefined]> = [
    ['cluster', spec.cluster],
    ['description', spec.description?.replace(/[\n\t]/g, ' ')],
    ...(spec.namespaces ?? []).map((namespace, i): [string, string] => [`namespaces[${i}]`, namespace]),
    ...(spec.exemptions ?? []).flatMap(
      (rule, i): Array<[string, string | undefined]> => [
        [`exemptions[${i}].namespace`, rule.namespace],
        [`exemptions[${i}].kind`, rule.kind],
        [`exemptions[${i}].name`, rule.name],
      ],
    ),
  ];
  for (const [field, text] of texts)
    if (text !== undefined && CONTROL.test(text))
      throw new InspectionError(
        'invalid',
        `${field} holds a control character; write the name as Kubernetes shows it`,
        field,
      );
}

/** What the schema cannot say: items that exist, parameters they have, a schedule cron reads. */
export function checkSpec(spec: InspectionConfigSpec): void {
  refuseControlCharacters(spec);
  for (const [index, choice] of (spec.items ?? []).entries()) {
    const item = ITEMS_BY_ID.get(choice.id);
    if (!item)
      throw new InspectionError(
        'invalid',
        `no inspection item is named "${choice.id}"; items are: ${known()}`,
        `items[${index}].id`,
      );
    for (const [name, value] of Object.entries(choice.params ?? {})) {
      const standard = item.params[name];
      if (standard === undefined)
        throw new InspectionError(
          'invalid',
          `item ${choice.id} has no parameter "${name}"${Object.keys(item.params).length ? `; it has ${Object.keys(item.params).join(', ')}` : '; it takes none'}`,
          `items[${index}].params.${name}`,
        );
      if (typeof value !== typeof standard)
        throw new InspectionError(
          'invalid',
          `${choice.id}'s ${name} must be a ${typeof standard}`,
          `items[${index}].params.${name}`,
        );
      if (typeof value === 'number' && (!Number.isFinite(value) || value < 0))
        throw new InspectionError(
          'invalid',
          `${choice.id}'s ${name} must be 0 or more`,
          `items[${index}].params.${name}`,
        );
    }
  }
  const seen = new Set<string>();
  for (const [index, choice] of (spec.items ?? []).entries()) {
    if (seen.has(choice.id))
      throw new InspectionError(
        'invalid',
        `item ${choice.id} is named twice; name each item once`,
        `items[${index}].id`,
      );
    seen.add(choice.id);
  }
  for (const [index, rule] of (spec.exemptions ?? []).entries())
    if (rule.item !== '*' && !ITEMS_BY_ID.has(rule.item))
      throw new InspectionError(
        'invalid',
        `no inspection item is named "${rule.item}"; use "*" for every item, or one of: ${known()}`,
        `exemptions[${index}].item`,
      );
  if (spec.schedule !== undefined) {
    const reading = readCron(spec.schedule);
    if (!reading.ok)
      throw new InspectionError(
        'invalid',
        `schedule "${spec.schedule}": ${reading.problem} (five fields in UTC, e.g. "0 2 * * *")`,
        'schedule',
      );
  }
}
