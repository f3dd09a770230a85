import type { PropagationWording } from '@portolan/api';
import { callerFor } from '#server/iam/authenticate.ts';
import { authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { IamStore } from '#server/store/iam/iam-store.ts';
import { wording } from './wording.ts';

/** Whether the author may write in a cluster (namespace undefined: cluster-scoped), and why not. */
export type WriteCheck = (cluster: string, namespace: string | undefined) => PropagationWording | undefined;

/**
 * What the document's last author may write now. The controller acts with Portolan's own
 * credential, but only where that user still has resources:write: a binding removed, or the user
 * disabled or gone, stops the propagation there (state forbidden), and nothing is applied or removed.
 */
export async function authorWrites(iam: IamStore, username: string): Promise<WriteCheck> {
  const user = await iam.users.getByUsername(username);
  if (!user || user.disabled) {
    const why = wording(user ? 'reason.author-disabled' : 'reason.author-gone', { user: username });
    return () => why;
  }
  const caller: Caller = await callerFor(iam, user, { kind: 'session', sessionIdHash: '' });
  return (cluster, namespace) => {
    if (authorize(caller, 'resources:write', namespace ? { cluster, namespace } : { cluster }))
      return undefined;
    return namespace
      ? wording('reason.author-namespace', { user: username, namespace, cluster })
      : wording('reason.author-cluster', { user: username, cluster });
  };
}
