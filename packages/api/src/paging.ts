/** The query fields of a list that the server pages: a page size, an offset to jump, a cursor. */
export const pageQueryProperties = <const Max extends number, const Default extends number>(
  max: Max,
  byDefault: Default,
) =>
  ({
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: max,
      description: `rows in this page (default ${byDefault})`,
    },
    offset: {
      type: 'integer',
      minimum: 0,
      description: 'rows to skip, to jump to a page; not with continue',
    },
    continue: {
      type: 'string',
      maxLength: 200,
      description: "the previous answer's continue, for the next page",
    },
  }) as const;

/** One page of a list: its items, how many match over every page, and the cursor of the next. */
export const pagedList = <const Item extends object, const Total extends string>(item: Item, total: Total) =>
  ({
    type: 'object',
    required: ['items', 'total', 'continue'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer', description: total },
      continue: {
        type: ['string', 'null'],
        description: 'ask again with this for the next page; null on the last',
      },
    },
  }) as const;
