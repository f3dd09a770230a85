/**
 * A node:test reporter that writes one JSON line per finished test: its file, its name and how it
 * ended. scripts/run-tests.ts reads it to count a run and to know which files failed.
 */

/** One finished test as the reporter writes it. */
export interface TestOutcome {
  file: string;
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
}

interface TestEventData {
  file?: string;
  name: string;
  skip?: boolean | string;
  todo?: boolean | string;
  details?: { type?: string };
}

export default async function* outcomes(
  source: AsyncIterable<{ type: string; data?: TestEventData }>,
): AsyncGenerator<string> {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    if (!data || data.details?.type === 'suite') continue;
    const outcome: TestOutcome['outcome'] =
      event.type === 'test:fail' ? 'failed' : data.skip || data.todo ? 'skipped' : 'passed';
    yield `${JSON.stringify({ file: data.file ?? '', name: data.name, outcome } satisfies TestOutcome)}\n`;
  }
}
