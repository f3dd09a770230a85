import { IamError } from './iam-errors.ts';

// No ':' anywhere, so local names never collide with prefixed OpenID groups or Kubernetes' system: names.
const USERNAME = /^[a-z0-9]([a-z0-9._@+-]{0,126}[a-z0-9])?$/;
const GROUP = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkUsername(name: string): string {
  if (!USERNAME.test(name))
    throw new IamError(
      'invalid',
      `username "${name}" is not valid: use 1-128 lower-case letters, digits and . _ @ + -, starting and ending with a letter or digit`,
    );
  return name;
}

export function checkGroupName(name: string): string {
  if (!GROUP.test(name))
    throw new IamError(
      'invalid',
      `group name "${name}" is not valid: use 1-63 lower-case letters, digits and . _ -, starting and ending with a letter or digit`,
    );
  return name;
}

export function checkWorkspaceName(name: string): string {
  if (!DNS_LABEL.test(name))
    throw new IamError(
      'invalid',
      `workspace name "${name}" is not valid: use a DNS label (a-z, 0-9, -; at most 63)`,
    );
  return name;
}
