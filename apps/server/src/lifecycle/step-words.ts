import type { LifecycleMessageCode, LifecycleWaitCode } from '@portolan/api';

type Params = Record<string, string | number>;

/**
 * What a step said, as a code with its values (the console's words, in the reader's language) and
 * the English words for everyone else (the API's `message`, the job's log, the CLI).
 */
export interface Said {
  code: LifecycleMessageCode;
  params: Params;
  text: string;
}

export const said = (code: LifecycleMessageCode, params: Params, text: string): Said => ({
  code,
  params,
  text,
});

/** A step's failure the console can say in its own words: the message stays the English one. */
export class StepError extends Error {
  override name = 'StepError';
  readonly code: LifecycleMessageCode;
  readonly params: Params;
  constructor(code: LifecycleMessageCode, params: Params, text: string) {
    super(text);
    this.code = code;
    this.params = params;
  }
}

/** What a step still waits for: a code with its values, and the English words. */
export interface Waiting {
  wait: LifecycleWaitCode;
  params: Params;
  text: string;
}

export const waiting = (wait: LifecycleWaitCode, params: Params, text: string): Waiting => ({
  wait,
  params,
  text,
});
