import { constants, type Dirent } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, readdir } from 'node:fs/promises';
import { type HomeFile, type SessionHome, TerminalFileError } from '../session-runner.ts';

/**
 * A session's home as the server sees it on the host. The shell's account owns the directory and can
 * change it at any moment (swap a folder for a symbolic link to /root, say), so every step opens the
 * next component relative to the already opened folder (through /proc/self/fd, Node having no openat)
 * with O_NOFOLLOW: a link anywhere on the way fails, checked and used in one system call.
 */
export interface HostHomeOptions {
  /** The home directory on the host. */
  root: string;
  /** Files and folders written are given to this account (the server runs as root), else left as made. */
  owner: { uid: number; gid: number } | undefined;
}

const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const MAX_PATH = 1024;
const MAX_DEPTH = 32;

export function createHostHome(options: HostHomeOptions): SessionHome {
  const { root, owner } = options;

  /** Opens the folder `segments` names below the home, making missing ones when `create`. */
  const openDir = async (segments: readonly string[], display: string, create: boolean) => {
    let dir = await open(root, DIR_FLAGS).catch(() => {
      throw new TerminalFileError(404, `the terminal's home is gone (the session has ended)`);
    });
    try {
      for (const segment of segments) {
        const at = `/proc/self/fd/${dir.fd}/${segment}`;
        let next: FileHandle;
        try {
          next = await open(at, DIR_FLAGS);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' && create) {
            await mkdir(at, { mode: 0o700 });
            next = await open(at, DIR_FLAGS);
            if (owner) await next.chown(owner.uid, owner.gid);
          } else throw refusal(code, display, segment);
        }
        await dir.close();
        dir = next;
      }
      return dir;
    } catch (error) {
      await dir.close();
      throw error;
    }
  };

  /** Opens a regular file without following a link or blocking on a FIFO. */
  const openFile = async (dir: FileHandle, name: string, display: string, flags: number) => {
    let file: FileHandle;
    try {
      file = await open(
        `/proc/self/fd/${dir.fd}/${name}`,
        flags | constants.O_NOFOLLOW | constants.O_NONBLOCK,
        0o600,
      );
    } catch (error) {
      throw refusal((error as NodeJS.ErrnoException).code, display, name);
    }
    const stat = await file.stat();
    if (!stat.isFile()) {
      await file.close();
      throw new TerminalFileError(400, `"${display}" is not a regular file`);
    }
    return { file, stat };
  };

  return {
    async list(limit) {
      const files: HomeFile[] = [];
      const walk = async (segments: string[]) => {
        if (files.length >= limit || segments.length > MAX_DEPTH) return;
        const dir = await openDir(segments, segments.join('/'), false).catch(() => undefined);
        if (!dir) return;
        let entries: Dirent[];
        try {
          entries = await readdir(`/proc/self/fd/${dir.fd}`, { withFileTypes: true });
          entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
          for (const entry of entries) {
            if (files.length >= limit) break;
            if (!entry.isFile()) continue;
            const stat = await lstat(`/proc/self/fd/${dir.fd}/${entry.name}`).catch(() => undefined);
            if (!stat?.isFile()) continue;
            files.push({
              path: [...segments, entry.name].join('/'),
              size: stat.size,
              modifiedAt: stat.mtime,
            });
          }
        } finally {
          await dir.close();
        }
        for (const entry of entries) if (entry.isDirectory()) await walk([...segments, entry.name]);
      };
      await walk([]);
      return files;
    },

    async read(relative, maxBytes) {
      const segments = checkPath(relative);
      const name = segments.pop() as string;
      const dir = await openDir(segments, relative, false);
      try {
        const { file, stat } = await openFile(dir, name, relative, constants.O_RDONLY);
        try {
          if (stat.size > maxBytes) {
            throw new TerminalFileError(
              413,
              `"${relative}" is ${stat.size} bytes, more than the ${maxBytes} bytes a download may carry`,
            );
          }
          return await file.readFile();
        } finally {
          await file.close();
        }
      } finally {
        await dir.close();
      }
    },

    async write(relative, content) {
      const segments = checkPath(relative);
      const name = segments.pop() as string;
      const dir = await openDir(segments, relative, true);
      try {
        const { file } = await openFile(dir, name, relative, constants.O_WRONLY | constants.O_CREAT);
        try {
          if (owner) await file.chown(owner.uid, owner.gid);
          await file.truncate(0);
          await file.write(content, 0, content.length, 0);
          const stat = await file.stat();
          return { path: relative, size: stat.size, modifiedAt: stat.mtime };
        } finally {
          await file.close();
        }
      } finally {
        await dir.close();
      }
    },
  };
}

/** The path's folders and name, or a refusal that says what is wrong with it. */
export function checkPath(relative: string): string[] {
  const bad = (why: string) => new TerminalFileError(400, `"${relative}" ${why}`);
  if (typeof relative !== 'string' || relative === '')
    throw new TerminalFileError(400, 'a file path is needed');
  if (relative.length > MAX_PATH) throw bad(`is longer than ${MAX_PATH} characters`);
  if (relative.includes('\0')) throw bad('contains a NUL character');
  if (relative.startsWith('/'))
    throw bad('is absolute: give a path relative to the terminal home, like "app.yaml"');
  const segments = relative.split('/');
  if (segments.includes('..')) throw bad('climbs out with "..": give a path inside the terminal home');
  if (segments.some((segment) => segment === '' || segment === '.')) {
    throw bad('has an empty or "." folder: write folders like "manifests/app.yaml"');
  }
  if (segments.length > MAX_DEPTH) throw bad(`is deeper than ${MAX_DEPTH} folders`);
  return segments;
}

function refusal(code: string | undefined, display: string, segment: string): TerminalFileError {
  if (code === 'ELOOP' || code === 'ENOTDIR' || code === 'EMLINK') {
    return new TerminalFileError(
      400,
      `"${display}" passes through "${segment}", which is a symbolic link or not a folder: links are not followed in the terminal home`,
    );
  }
  if (code === 'ENOENT')
    return new TerminalFileError(404, `"${display}" does not exist in the terminal home`);
  if (code === 'EISDIR') return new TerminalFileError(400, `"${display}" is a folder, not a file`);
  return new TerminalFileError(400, `"${display}" cannot be opened (${code ?? 'unknown error'})`);
}
