import type { PolicySpec, ReceiverSpec } from '@portolan/api';

/** PUT bodies as callers write them: fields with a default may be left out. */
type Defaulted<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
export type ReceiverInput = Defaulted<ReceiverSpec, 'retries' | 'timeoutSeconds'>;
export type PolicyInput = Defaulted<PolicySpec, 'order' | 'sendResolved' | 'continue' | 'enabled'>;
