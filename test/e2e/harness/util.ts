// Small helpers: logging, time-outs, temp folders, free ports, cleanup that also runs on signals,
// and killing a whole process tree.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const t0 = Date.now();

export function log(...parts: unknown[]): void {
  const secs = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[e2e +${secs}s]`, ...parts);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Rejects with a TimeoutError naming `what` when `p` has not settled after `ms`. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `fn` until it returns a truthy value; throws a TimeoutError after `timeoutMs`. */
export async function waitUntil<T>(
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  opts: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new TimeoutError(`timed out after ${opts.timeoutMs} ms: ${opts.what}${why}`);
    }
    await sleep(opts.intervalMs ?? 250);
  }
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race remains, so callers retry on EADDRINUSE). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

// ------------------------------------------------------------------ cleanup

type Cleanup = { name: string; fn: () => Promise<void> | void; sync?: () => void };
const cleanups: Cleanup[] = [];
let handlersInstalled = false;

/**
 * Registers a cleanup; returns a function that runs it now (once) and unregisters it.
 * `sync` is a last resort for process 'exit' (e.g. SIGKILL a process group), where nothing async runs.
 */
export function onCleanup(name: string, fn: () => Promise<void> | void, sync?: () => void): () => Promise<void> {
  const entry: Cleanup = { name, fn, sync };
  cleanups.push(entry);
  installHandlers();
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i < 0) return;
    cleanups.splice(i, 1);
    await entry.fn();
  };
}

/** Runs every registered cleanup, newest first; each with its own time-out; never throws. */
export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const c = cleanups.pop()!;
    try {
      await withTimeout(Promise.resolve().then(c.fn), 20_000, `cleanup ${c.name}`);
    } catch (err) {
      console.error(`[e2e] cleanup ${c.name} failed:`, err);
      try {
        c.sync?.();
      } catch {
        // ignore
      }
    }
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const c of cleanups.slice().reverse()) {
      try {
        c.sync?.();
      } catch {
        // ignore: the process is going away
      }
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      console.error(`[e2e] ${sig}: cleaning up`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

// ------------------------------------------------------------------ temp folders

/** A new folder under the OS temp dir, removed at cleanup unless FAIRUSE_E2E_KEEP=1. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fairuse-e2e-${prefix}-`));
  if (process.env.FAIRUSE_E2E_KEEP !== '1') {
    onCleanup(`rm ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return dir;
}

// ------------------------------------------------------------------ processes

/** Pids of all descendants of `pid` (from /proc), deepest last. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      // pid (comm) state ppid …  — comm may contain spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // the process went away
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    for (const c of children.get(p) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** True while `pid` runs (a zombie, dead but not yet reaped, counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signalAll(pid: number, pids: number[], sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig); // the process group (the leader was spawned detached)
  } catch {
    // group gone
  }
  for (const p of [pid, ...pids]) {
    try {
      process.kill(p, sig); // and any descendant that left the group (setsid, e.g. terminals)
    } catch {
      // gone
    }
  }
}

/** SIGTERM the process group and every descendant, wait up to `graceMs`, then SIGKILL what is left. */
export async function killTree(pid: number, graceMs = 5_000): Promise<void> {
  const pids = descendants(pid);
  signalAll(pid, pids, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && [pid, ...pids].some(isAlive)) await sleep(100);
  const left = [pid, ...pids, ...descendants(pid)].filter(isAlive);
  if (left.length) signalAll(pid, left, 'SIGKILL');
}

/** Synchronous SIGKILL of a process group and its descendants (for process 'exit'). */
export function killTreeSync(pid: number): void {
  signalAll(pid, descendants(pid), 'SIGKILL');
}

/** The last `lines` lines of a text file ('' when it cannot be read). */
export function tail(file: string, lines = 80): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
