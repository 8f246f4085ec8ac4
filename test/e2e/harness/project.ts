// The project under test: building it, bundling the integration suite, packaging the .vsix, and the
// workspace the tests open.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2eEnv } from './env';
import { packageVsix } from './vsix';
import { log, tempDir } from './util';

/** What the extension's package.json `main` and its worker/webview need at run time. */
export const EXTENSION_OUTPUTS = ['dist/extension.js', 'dist/audit-worker.js', 'media/dist/webview.js'];

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed in ${cwd}: ${err.message}\n${stdout}${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
    child.stdin?.end();
  });
}

/** `node scripts/build.mjs` (the repo's build: CLI, extension, worker, webview); throws if an output is missing. */
export async function buildExtension(): Promise<void> {
  const { repoRoot } = e2eEnv();
  log('building the extension: node scripts/build.mjs');
  await run(process.execPath, ['scripts/build.mjs'], repoRoot, 300_000);
  const missing = [...EXTENSION_OUTPUTS, 'dist/cli.js'].filter((f) => !fs.existsSync(path.join(repoRoot, f)));
  if (missing.length) throw new Error(`node scripts/build.mjs did not write ${missing.join(', ')}`);
}

/** Bundles test/e2e/suite/index.ts (and the tests it loads) into out/e2e/suite/index.js; returns that path. */
export async function bundleSuite(): Promise<string> {
  const { repoRoot, e2eDir } = e2eEnv();
  const outfile = path.join(repoRoot, 'out', 'e2e', 'suite', 'index.js');
  // esbuild is a devDependency of the repo; required lazily so the smoke test does not need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(e2eDir, 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * `vsce package --no-dependencies -o <tmp>/fair-use-audit.vsix` in the repo root, as a release is
 * packaged (vsce runs the manifest's `vscode:prepublish`). Returns the .vsix path.
 */
export async function packageExtension(): Promise<string> {
  const { repoRoot } = e2eEnv();
  return packageVsix(repoRoot, { out: path.join(tempDir('vsix'), 'fair-use-audit.vsix') });
}

/** A temp workspace with the given files: `{ 'heart.csv': '<abs source>' }`. */
export function makeWorkspace(name: string, files: Record<string, string>): string {
  const dir = tempDir(name);
  for (const [target, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
    fs.copyFileSync(source, path.join(dir, target));
  }
  return dir;
}

/** Names of the entries of a zip file (a .vsix), read from its central directory. */
export function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    names.push(buf.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
