import type { AuditOutcome } from '#server/store/audit/audit-store.ts';

/**
 * What a record says of the credential behind a call. Structural, so audit/ needs nothing from
 * iam/ (which records its own events through audit/): any caller with a credential fits.
 */
export interface AuditedCredential {
  credential: { kind: 'session' } | { kind: 'token'; tokenId: string };
}

/** A response status as the trail's outcome: 401 and 403 are denials. */
export function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'allowed' : 'failed';
}

export function credentialOf(caller: AuditedCredential | undefined): string | null {
  if (!caller) return null;
  return caller.credential.kind === 'token' ? `token:${caller.credential.tokenId}` : 'session';
}
