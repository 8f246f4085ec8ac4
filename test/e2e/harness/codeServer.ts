// Start/stop code-server (VS Code in the browser) for a test, and install .vsix files into it.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { e2eEnv } from './env';
import { freePort, killTree, killTreeSync, log, onCleanup, sleep, tail, tempDir, waitUntil } from './util';

/** User settings that keep the workbench quiet and deterministic (no welcome page, tips, AI, updates). */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.reduceMotion': 'on', // no fade-ins caught half-way in screenshots
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'files.autoSave': 'off',
};

/**
 * `sh -c WATCHDOG_SH name <pid> <command…>`: runs the command and ends the whole process group
 * when the watched pid (this node process) or the command is gone. sh ignores TERM itself (after
 * starting the command), so it outlives a group SIGTERM long enough to report the exit status.
 * (`kill -SIG -pgid`, not `kill -SIG -- -pgid`: Debian's sh is dash, whose kill rejects `--`.)
 */
const WATCHDOG_SH = `parent="$1"; shift
"$@" &
child=$!
trap '' TERM INT HUP
while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
kill -TERM -$$ 2>/dev/null
n=0
while kill -0 "$child" 2>/dev/null && [ $n -lt 10 ]; do sleep 1; n=$((n + 1)); done
kill -0 "$child" 2>/dev/null && kill -KILL -$$ 2>/dev/null
wait "$child"`;

export interface CodeServerDirs {
  /** Holds config.yaml, code-server.log, XDG folders. */
  baseDir: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
}

export interface StartOptions {
  /** Folder opened when the workbench is loaded without ?folder=. */
  workspace?: string;
  /** Reuse folders (e.g. ones `installExtension` already filled); default: new temp folders. */
  dirs?: CodeServerDirs;
  /** .vsix files to install into the extensions dir before starting. */
  vsix?: string[];
  /** Merged over DEFAULT_SETTINGS into <user-data-dir>/User/settings.json. */
  settings?: Record<string, unknown>;
  /**
   * Let the workbench honour `?payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]]`.
   * A built VS Code ignores that payload unless its server runs with --enable-smoke-test-driver,
   * which code-server passes on as `--vscode-option enable-smoke-test-driver`. Needed by
   * runExtensionTests; leave it off for UI tests of an installed .vsix (closer to a user's setup).
   */
  extensionDevelopment?: boolean;
  /** Time to wait for /healthz (default 90 s). */
  startTimeoutMs?: number;
  /** Extra environment of code-server, which its extension hosts inherit (e.g. FAIRUSE_E2E_GREP). */
  env?: Record<string, string>;
  extraArgs?: string[];
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  pid: number;
  dirs: CodeServerDirs;
  logFile: string;
  workspace?: string;
  /** Started with `extensionDevelopment: true` (the payload URL works). */
  extensionDevelopment: boolean;
  /** URL of the workbench for a folder, optionally with an extension-development payload. */
  workbenchUrl(opts?: { folder?: string; payload?: Array<[string, string]> }): string;
  /** Last lines of code-server's own output. */
  logTail(lines?: number): string;
  /** code-server's output plus the VS Code server's log files (remote agent, extension host, …). */
  collectLogs(maxLinesPerFile?: number): string;
  /** Lines of the extension host logs that say an extension failed (activation errors, uncaught errors). */
  extensionErrors(): string[];
  stop(): Promise<void>;
}

/** Makes temp user-data, extensions and config folders (removed at cleanup). */
export function makeCodeServerDirs(settings?: Record<string, unknown>): CodeServerDirs {
  const baseDir = tempDir('code-server');
  const dirs: CodeServerDirs = {
    baseDir,
    userDataDir: path.join(baseDir, 'user-data'),
    extensionsDir: path.join(baseDir, 'extensions'),
    configFile: path.join(baseDir, 'config.yaml'),
  };
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2),
  );
  writeConfig(dirs, 0);
  return dirs;
}

function writeConfig(dirs: CodeServerDirs, port: number): void {
  fs.writeFileSync(
    dirs.configFile,
    [
      `bind-addr: 127.0.0.1:${port}`,
      'auth: none',
      'cert: false',
      'disable-telemetry: true',
      'disable-update-check: true',
      'disable-getting-started-override: true',
      '',
    ].join('\n'),
  );
}

/** Environment for code-server: Node 24 first on PATH, XDG folders in the temp dir, no inherited VS Code vars. */
function childEnv(dirs: CodeServerDirs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|npm_)/i.test(k) || k === 'NODE_OPTIONS' || k === 'NODE_PATH') continue;
    env[k] = v;
  }
  env.PATH = `${path.dirname(e2eEnv().nodeBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  env.XDG_CONFIG_HOME = path.join(dirs.baseDir, 'xdg-config');
  env.XDG_DATA_HOME = path.join(dirs.baseDir, 'xdg-data');
  env.XDG_CACHE_HOME = path.join(dirs.baseDir, 'xdg-cache');
  return env;
}

/** The folders every code-server call names: its config, user data and extensions. */
function dirArgs(dirs: CodeServerDirs): string[] {
  return ['--config', dirs.configFile, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

function execCodeServer(dirs: CodeServerDirs, args: string[], timeoutMs: number): Promise<string> {
  const { nodeBin, codeServerEntry } = e2eEnv();
  const full = [codeServerEntry, ...dirArgs(dirs), ...args];
  return new Promise((resolve, reject) => {
    const child = execFile(
      nodeBin,
      full,
      { env: childEnv(dirs), timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const out = `${stdout}${stderr}`;
        if (err) reject(new Error(`code-server ${args.join(' ')} failed: ${err.message}\n${out}`));
        else resolve(out);
      },
    );
    child.stdin?.end();
  });
}

/** `code-server --install-extension <vsix> --extensions-dir <dir>`; throws unless it reports success. */
export async function installExtension(dirs: CodeServerDirs, vsix: string, timeoutMs = 120_000): Promise<string> {
  log(`installing ${path.basename(vsix)} into ${dirs.extensionsDir}`);
  const out = await execCodeServer(dirs, ['--install-extension', path.resolve(vsix), '--force'], timeoutMs);
  if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} did not report success:\n${out}`);
  return out;
}

/** `code-server --list-extensions --show-versions` for these folders. */
export async function listExtensions(dirs: CodeServerDirs, timeoutMs = 60_000): Promise<string[]> {
  const out = await execCodeServer(dirs, ['--list-extensions', '--show-versions'], timeoutMs);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[\w.-]+\.[\w.-]+@/.test(l));
}

function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Starts code-server on a free 127.0.0.1 port (auth none, no TLS, no telemetry/update check,
 * --disable-workspace-trust) and waits until it serves. It is stopped (its whole process group)
 * by `stop()`, by the harness cleanup, and — SIGKILL — when the node process exits, even on failure.
 */
export async function startCodeServer(opts: StartOptions = {}): Promise<CodeServer> {
  const { nodeBin, codeServerEntry } = e2eEnv();
  const dirs = opts.dirs ?? makeCodeServerDirs(opts.settings);
  for (const vsix of opts.vsix ?? []) await installExtension(dirs, vsix);
  const logFile = path.join(dirs.baseDir, 'code-server.log');
  const startTimeoutMs = opts.startTimeoutMs ?? 90_000;

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeConfig(dirs, port);
    const args = [
      codeServerEntry,
      ...dirArgs(dirs),
      '--disable-workspace-trust',
      '--ignore-last-opened',
      ...(opts.extensionDevelopment ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...(opts.extraArgs ?? []),
      ...(opts.workspace ? [opts.workspace] : []),
    ];
    fs.appendFileSync(logFile, `\n===== start attempt ${attempt}: ${nodeBin} ${args.join(' ')}\n`);
    const fd = fs.openSync(logFile, 'a');
    // A small sh wrapper leads the process group and watches this node process: if it dies without
    // cleaning up (SIGKILL, a crash), the wrapper kills the group, so no code-server is left behind.
    const child = spawn('/bin/sh', ['-c', WATCHDOG_SH, 'code-server-watchdog', String(process.pid), nodeBin, ...args], {
      cwd: dirs.baseDir,
      env: { ...childEnv(dirs), ...opts.env },
      stdio: ['ignore', fd, fd],
      detached: true, // own process group, so stop() can kill the group (server, extension host, pty host…)
    });
    fs.closeSync(fd);
    const pid = child.pid;
    if (!pid) throw new Error('code-server did not start (no pid)');
    let exited: string | undefined;
    child.on('exit', (code, signal) => {
      exited = `code ${code} signal ${signal}`;
    });
    child.on('error', (err) => {
      exited = `spawn error ${err.message}`;
    });
    const unregister = onCleanup(
      `code-server pid ${pid}`,
      () => killTree(pid),
      () => killTreeSync(pid),
    );
    log(`code-server pid ${pid} starting on 127.0.0.1:${port} (log ${logFile})`);

    try {
      await waitUntil(
        async () => {
          if (exited) throw new Error(`code-server exited during start (${exited})`);
          return healthz(port);
        },
        { timeoutMs: startTimeoutMs, intervalMs: 300, what: `code-server to serve /healthz on port ${port}` },
      );
    } catch (err) {
      await unregister();
      const out = tail(logFile, 60);
      if (attempt < 3 && /EADDRINUSE/.test(out)) {
        log(`port ${port} was taken, retrying`);
        await sleep(200);
        continue;
      }
      throw new Error(`${(err as Error).message}\n---- code-server log (tail) ----\n${out}`, { cause: err });
    }
    log(`code-server ready at http://127.0.0.1:${port}`);

    const url = `http://127.0.0.1:${port}`;
    const server: CodeServer = {
      port,
      url,
      pid,
      dirs,
      logFile,
      workspace: opts.workspace,
      extensionDevelopment: !!opts.extensionDevelopment,
      workbenchUrl(o = {}) {
        const q: string[] = [];
        const folder = o.folder ?? opts.workspace;
        if (folder) q.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
        if (o.payload) q.push(`payload=${encodeURIComponent(JSON.stringify(o.payload))}`);
        return `${url}/${q.length ? `?${q.join('&')}` : ''}`;
      },
      logTail: (lines = 80) => tail(logFile, lines),
      collectLogs: (maxLines = 200) => collectLogs(logFile, dirs.userDataDir, maxLines),
      extensionErrors: () => extensionErrors(dirs.userDataDir),
      async stop() {
        log(`stopping code-server pid ${pid}`);
        await unregister();
      },
    };
    return server;
  }
}

function logFiles(dir: string): string[] {
  let out: string[] = [];
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(logFiles(p));
    else if (e.name.endsWith('.log')) out.push(p);
  }
  return out;
}

function extensionErrors(userDataDir: string): string[] {
  const lines: string[] = [];
  for (const f of logFiles(path.join(userDataDir, 'logs')).filter((f) => /exthost/i.test(f))) {
    const text = tail(f, 2_000).split('\n');
    text.forEach((line, i) => {
      if (/\[error\]/.test(line) && !/ENOTFOUND|getaddrinfo/.test(line)) lines.push([line, ...text.slice(i + 1, i + 3)].join('\n'));
    });
  }
  return lines;
}

function collectLogs(logFile: string, userDataDir: string, maxLines: number): string {
  const parts = [`==== ${logFile}\n${tail(logFile, maxLines)}`];
  for (const f of logFiles(path.join(userDataDir, 'logs'))) {
    const text = tail(f, maxLines).trim();
    if (text) parts.push(`==== ${path.relative(userDataDir, f)}\n${text}`);
  }
  return parts.join('\n\n');
}
