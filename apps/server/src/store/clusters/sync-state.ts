import type { SyncReasonCode, SyncReasonParams } from '@portolan/api';

export type { SyncReasonCode, SyncReasonParams };

/**
 * A sync state's error as put takes it: set with its code and values, cleared with null, or left as
 * it is. Words alone do not type-check (and the store refuses them): the console words an error from
 * its code, in the reader's language, and shows the English only for a code it does not know.
 */
export type SyncErrorUpdate =
  | { error?: undefined; reasonCode?: undefined; reasonParams?: undefined }
  | { error: null; reasonCode?: null; reasonParams?: null }
  | { error: string; reasonCode: SyncReasonCode; reasonParams: SyncReasonParams };

/** What a sync puts: any of its progress fields, and its error with the code and values. */
export type SyncStateUpdate = {
  resourceVersion?: string | null;
  lastEventAt?: Date | null;
  lagMs?: number | null;
} & SyncErrorUpdate;
