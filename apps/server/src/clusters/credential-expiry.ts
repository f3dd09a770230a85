import { X509Certificate } from 'node:crypto';

/** One credential as far as its lifetime goes. */
export interface CredentialMaterial {
  kind: 'client-certificate' | 'token' | 'id-token' | 'exec';
  /** The kubeconfig field it came from, for messages. */
  field: string;
  certificatePem?: string;
  /** Bearer tokens and id-tokens; only JWTs carry an expiry. */
  token?: string;
  /** Known directly, e.g. an exec credential's expirationTimestamp. */
  expiresAt?: Date;
  /** Renewed without the user (an exec plugin runs again), so its expiry needs no warning. */
  renewable?: boolean;
}

export interface CredentialExpiryItem {
  kind: CredentialMaterial['kind'];
  field: string;
  /** Undefined when the credential does not say (an opaque token). */
  expiresAt: Date | undefined;
  /** e.g. the certificate's subject. */
  subject: string | undefined;
  renewable: boolean;
}

export interface CredentialWarning {
  kind: CredentialMaterial['kind'];
  field: string;
  expiresAt: Date;
  expired: boolean;
  message: string;
}

export interface CredentialExpiry {
  items: CredentialExpiryItem[];
  /** The first expiry of all, when any is known. */
  earliest: Date | undefined;
  /** Credentials expired at `now` or expiring within `thresholdDays` of it; renewable ones are left out. */
  warnings(now: Date, thresholdDays: number): CredentialWarning[];
}

/** The `exp` claim of a JWT, or undefined for tokens that are not JWTs or carry none. */
export function jwtExpiry(token: string): Date | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp)
      ? new Date(claims.exp * 1000)
      : undefined;
  } catch {
    return undefined;
  }
}

/** notAfter and subject of the first certificate in a PEM text. */
export function certificateValidity(pem: string): { notBefore: Date; notAfter: Date; subject: string } {
  const certificate = new X509Certificate(pem);
  return {
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    subject: certificate.subject.replace(/\n/g, ', '),
  };
}

const LABELS: Record<CredentialMaterial['kind'], string> = {
  'client-certificate': 'client certificate',
  token: 'bearer token',
  'id-token': 'OIDC id-token',
  exec: 'exec plugin credential',
};

function describe(material: CredentialMaterial): CredentialExpiryItem {
  if (material.certificatePem) {
    const validity = certificateValidity(material.certificatePem);
    return {
      kind: material.kind,
      field: material.field,
      expiresAt: validity.notAfter,
      subject: validity.subject,
      renewable: material.renewable === true,
    };
  }
  const expiresAt = material.expiresAt ?? (material.token ? jwtExpiry(material.token) : undefined);
  return {
    kind: material.kind,
    field: material.field,
    expiresAt,
    subject: undefined,
    renewable: material.renewable === true,
  };
}

/** When each credential expires. */
export function credentialExpiry(materials: CredentialMaterial[]): CredentialExpiry {
  const items = materials.map(describe);
  const known = items.flatMap((item) => (item.expiresAt ? [item.expiresAt.getTime()] : []));
  return {
    items,
    earliest: known.length > 0 ? new Date(Math.min(...known)) : undefined,
    warnings(now, thresholdDays) {
      const horizon = now.getTime() + thresholdDays * 86_400_000;
      return items.flatMap((item) => {
        if (item.renewable || !item.expiresAt || item.expiresAt.getTime() > horizon) return [];
        const expired = item.expiresAt.getTime() <= now.getTime();
        const when = item.expiresAt.toISOString();
        const days = Math.max(0, Math.floor((item.expiresAt.getTime() - now.getTime()) / 86_400_000));
        const what = `the ${LABELS[item.kind]}${item.subject ? ` (${item.subject})` : ''} from ${item.field}`;
        return [
          {
            kind: item.kind,
            field: item.field,
            expiresAt: item.expiresAt,
            expired,
            message: expired
              ? `${what} expired at ${when}; replace the kubeconfig with current credentials`
              : `${what} expires at ${when} (in ${days} day${days === 1 ? '' : 's'}); replace the kubeconfig before then`,
          },
        ];
      });
    },
  };
}
