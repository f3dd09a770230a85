import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The thread of SqliteCheckpoints: copies the write-ahead log's pages into the database file every
 * `intervalMs`, on a connection of its own. PASSIVE: it never waits for readers or the writer and never
 * blocks them; what it cannot copy now it copies next time.
 */
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new BetterSqlite3(file);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next round tries again, and the writer's own checkpoints still bound the log.
  }
}, intervalMs);
parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
