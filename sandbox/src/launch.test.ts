import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { SandboxError } from './errors.ts';
import { httpOk } from './http-probe.ts';
import { launchAll } from './launch.ts';
import { isRunning } from './processes.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-launch-'));
after(() => rm(dir, { recursive: true, force: true }));

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('starting a component whose port another process took', () => {
  test('a probe of a process that exits mid-answer is "not ready"', async () => {
    // What a component (or a stranger on its port) does when it exits while being probed: the
    // status line alone must not pass for readiness, and no error event may go unheard.
    const dying = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100\r\n\r\nok');
        setTimeout(() => socket.destroy(), 20);
      });
    });
    const port = await listen(dying);
    try {
      assert.equal(await httpOk(`http://127.0.0.1:${port}/healthz`), false);
      // An error event with no listener would surface here, failing the test.
      await sleep(200);
    } finally {
      dying.close();
    }
  });

  test('answers from another process on the port are not taken as ready; the clash is port-taken', async () => {
    const stranger = http.createServer((_request, response) => response.end('ok'));
    const port = await listen(stranger);
    const logPath = path.join(dir, 'kube-scheduler.log');
    // Like a real component: some start-up work, then it binds its port and fails on the clash.
    const component = `setTimeout(() => require('node:net').createServer().listen(${port}, '127.0.0.1')
      .on('error', (error) => { console.error(error.message); process.exit(1); }), 500)`;
    const started: number[] = [];
    try {
      await assert.rejects(
        launchAll(
          [
            {
              name: 'kube-scheduler',
              binary: process.execPath,
              args: ['-e', component],
              logPath,
              port,
              ready: () => httpOk(`http://127.0.0.1:${port}/healthz`),
            },
          ],
          (_name, pid) => {
            started.push(pid);
          },
        ),
        (error: unknown) => {
          assert.ok(error instanceof SandboxError, String(error));
          assert.equal(error.code, 'port-taken', error.message);
          assert.equal(error.logPath, logPath);
          return true;
        },
      );
      assert.match(await readFile(logPath, 'utf8'), /address already in use/);
    } finally {
      stranger.close();
    }
    for (const pid of started) assert.equal(isRunning(pid, process.execPath), false);
  });

  test('a component that listens on its own port is ready', async () => {
    const free = net.createServer();
    const port = await listen(free);
    await new Promise((resolve) => free.close(resolve));
    const component = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
    const launched = await launchAll(
      [
        {
          name: 'kwok',
          binary: process.execPath,
          args: ['-e', component],
          logPath: path.join(dir, 'kwok.log'),
          port,
          ready: () => httpOk(`http://127.0.0.1:${port}/healthz`),
        },
      ],
      () => undefined,
    );
    try {
      assert.equal(launched.length, 1);
    } finally {
      process.kill(launched[0]?.pid ?? 0, 'SIGKILL');
    }
  });
});
