import { readFileSync } from 'node:fs';
import { SANDBOX_COMPLETION, SANDBOX_HOME, SANDBOX_USER } from './sandbox-argv.ts';

/**
 * The files a session's sandbox starts with besides its kubeconfig: a .bashrc (prompt naming the
 * cluster, kubectl and helm completion) and the passwd/group files bound over /etc's, so the shell's
 * account has a name.
 */

/** Only these characters of a cluster's name reach the prompt: bash expands $ ` \ in PS1. */
export function promptName(cluster: string): string {
  return cluster.replace(/[^A-Za-z0-9._-]/g, '?').slice(0, 63) || '?';
}

export function bashrc(cluster: string): string {
  return [
    '# Written by Portolan for this terminal session; the whole home goes when the session ends.',
    '[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc',
    'HISTCONTROL=ignoreboth',
    'shopt -s extglob',
    `PS1='\\[\\e[1;36m\\]${promptName(cluster)}\\[\\e[0m\\]:\\[\\e[1;34m\\]\\w\\[\\e[0m\\]\\$ '`,
    "alias ls='ls --color=auto' grep='grep --color=auto' k=kubectl",
    COMPLETION_HELPERS,
    `. ${SANDBOX_COMPLETION}/kubectl.bash`,
    `. ${SANDBOX_COMPLETION}/helm.bash`,
    'complete -o default -F __start_kubectl k',
    '',
  ].join('\n');
}

/** Stand-ins for bash-completion's functions, which kubectl's and helm's completion scripts call. */
const COMPLETION_HELPERS = readFileSync(
  new URL('./completion-helpers.bash', import.meta.url),
  'utf8',
).trimEnd();

export function passwdFile(uid: number, gid: number): string {
  const lines = [
    'root:x:0:0:root:/root:/usr/sbin/nologin',
    `${SANDBOX_USER}:x:${uid}:${gid}:Portolan terminal:${SANDBOX_HOME}:/bin/bash`,
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  ];
  return `${lines.join('\n')}\n`;
}

export function groupFile(gid: number): string {
  return `root:x:0:\n${SANDBOX_USER}:x:${gid}:\nnogroup:x:65534:\n`;
}
