import { callerFor } from '#server/iam/authenticate.ts';
import { authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { IamStore } from '#server/store/iam/iam-store.ts';

/** Whether the author may write in a cluster (namespace undefined: cluster-scoped), and why not. */
export type WriteCheck = (cluster: string, namespace: string | undefined) => string | undefined;

/**
 * What the document's last author may write now. The controller acts with Portolan's own
 * credential, but only where that user still has resources:write: a binding removed, or the user
 * disabled or gone, stops the propagation there (state forbidden), and nothing is applied or removed.
 */
export async function authorWrites(iam: IamStore, username: string): Promise<WriteCheck> {
  const user = await iam.users.getByUsername(username);
  if (!user || user.disabled) {
    const why = user
      ? `${username}, who last saved this propagation, is disabled; save it again as a user who may write here`
      : `${username}, who last saved this propagation, no longer exists; save it again as a user who may write here`;
    return () => why;
  }
  const caller: Caller = await callerFor(iam, user, { kind: 'session', sessionIdHash: '' });
  return (cluster, namespace) =>
    authorize(caller, 'resources:write', namespace ? { cluster, namespace } : { cluster })
      ? undefined
      : `${username}, who last saved this propagation, may not write ${namespace ? `in namespace ${namespace} of` : 'to'} cluster ${cluster} (resources:write); an administrator can grant it, or someone who may can save it again`;
}
