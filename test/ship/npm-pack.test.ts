// The packages as users get them, from a copy of the project: the CLI by `npm pack` (its `prepack` builds dist/),
// installed globally into a temporary prefix with no dev dependencies and run from another folder; and the
// extension by `vsce package`, as `npm run package` makes it. Slow (two production builds, a pack, an install
// and a vsce run: about 60 s on two busy cores).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEntries } from '../e2e/harness/project';
import { reportFileSchemaErrors } from '../support/report-schema';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'fairuse-pack-'));
const copy = join(work, 'project');
const prefix = join(work, 'prefix');
const elsewhere = join(work, 'elsewhere');
const installed = join(prefix, 'lib/node_modules', manifest.name);
const fairuseBin = join(prefix, 'bin/fairuse');

/** Limit the issue sets on the installed package (the ONNX runtime's WebAssembly is most of it). */
const MAX_INSTALL_BYTES = 25 * 1024 * 1024;

// npm run by `npm test` exports the outer project's prefix and package fields; the inner npm must not see them.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(package_|lifecycle_|config_(local_prefix|global_prefix|prefix)$)/i.test(key)));

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

function run(command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: elsewhere, env, encoding: 'utf8', timeout: 60_000 });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => lstatSync(join(dir, f)).isFile()).map((f) => f.split('\\').join('/'));
}

const bytesUnder = (dir: string) => filesUnder(dir).reduce((sum, f) => sum + lstatSync(join(dir, f)).size, 0);

let tarball: string;
let packed: string[];

beforeAll(() => {
  // A copy, so the production build of `prepack` does not rewrite the dist/ the other tests are running.
  const skip = new Set(['node_modules', '.git', 'dist', 'out', 'test', '.ci', '.cache', 'media/dist']);
  cpSync(root, copy, { recursive: true, filter: (src) => !skip.has(relative(root, src).split('\\').join('/')) && !src.endsWith('.vsix') });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  mkdirSync(elsewhere);

  const pack = npm(['pack', '--pack-destination', work, '--no-audit', '--no-fund'], copy);
  expect(pack.status, pack.stderr).toBe(0);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  packed = listing.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));

  const installArgs = ['install', '--global', '--prefix', prefix, tarball, '--omit=dev', '--no-audit', '--no-fund'];
  let install = npm([...installArgs, '--offline'], work);
  // The package has no runtime dependencies, so offline works; should one appear, CI fetches it from the registry.
  if (install.status !== 0) {
    console.log(`npm install --offline failed (${install.stderr.trim().split('\n').pop()}); installing from the registry`);
    install = npm(installArgs, work);
  }
  expect(install.status, install.stderr).toBe(0);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack of the CLI', () => {
  it('packs the built CLI, its WebAssembly runtime, the examples and the schemas, and no sources, tests or source maps', () => {
    for (const file of ['bin/fairuse.js', 'dist/cli.js', 'dist/ort-wasm-simd-threaded.wasm', 'dist/ort-wasm-simd-threaded.mjs', 'examples/heart.csv', 'schemas/report.schema.json', 'schemas/fairuse.schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      expect(packed).toContain(file);
    }
    expect(packed.filter((f) => /^(src|test|scripts|webview|node_modules)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'))).toEqual([]);
  });

  it('installs with no dependencies at all (esbuild bundled them into dist/)', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(readdirSync(installed)).not.toContain('node_modules');
  });

  it(`installs in under ${MAX_INSTALL_BYTES / 1024 / 1024} MB`, () => {
    const bytes = bytesUnder(installed);
    console.log(`installed package: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${filesUnder(installed).length} files; tarball ${(lstatSync(tarball).size / 1024 / 1024).toFixed(1)} MB`);
    expect(bytes).toBeLessThan(MAX_INSTALL_BYTES);
  });

  it('answers --version with package.json\'s version', () => {
    const version = run(fairuseBin, ['--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout).toBe(`${manifest.version}\n`);
  });

  it('audits the bundled example from another folder and writes a report that validates against the shipped schema', () => {
    const audit = run(fairuseBin, ['audit', join(installed, 'examples/heart.csv'), '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '100', '--json', 'report.json', '--no-color']);
    expect(audit.stderr).toBe('');
    // heart.csv's 61 test rows in 4 groups are inconclusive (exit 3) without a violation (1); 2 would be a failure.
    expect([1, 3]).toContain(audit.status);
    expect(audit.stdout).toContain('Error rate — rationality');
    const report = JSON.parse(readFileSync(join(elsewhere, 'report.json'), 'utf8'));
    expect(report.dataset).toMatchObject({ rows: 303, label: 'Disease' });
    expect(reportFileSchemaErrors(join(elsewhere, 'report.json'))).toEqual([]);
    expect(readFileSync(join(installed, 'schemas/report.schema.json'), 'utf8')).toBe(readFileSync(join(root, 'schemas/report.schema.json'), 'utf8'));
  });

  it('audits an ONNX model with the WebAssembly runtime it installed', () => {
    const audit = run(fairuseBin, ['audit', join(installed, 'examples/heart.csv'), '--model-file', join(root, 'test/fixtures/models/heart-lr.onnx'), '--bootstrap', '50', '--json', 'onnx.json', '--no-color']);
    expect(audit.stderr).toBe('');
    expect([1, 3]).toContain(audit.status);
    const report = JSON.parse(readFileSync(join(elsewhere, 'onnx.json'), 'utf8'));
    expect(report.model).toMatchObject({ source: 'onnx' });
    expect(reportFileSchemaErrors(join(elsewhere, 'onnx.json'))).toEqual([]);
  });
});

describe('vsce package of the extension', () => {
  let output: string;
  let vsix: string;
  beforeAll(() => {
    vsix = join(work, 'fair-use-audit.vsix');
    // npm run package's flags; vsce runs vscode:prepublish (the production build) itself.
    const args = manifest.scripts.package.replace(/^vsce /, '').split(' ');
    const vsce = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), ...args, '-o', vsix], { cwd: copy, env, encoding: 'utf8', timeout: 180_000 });
    output = `${vsce.stdout}${vsce.stderr}`;
    expect(vsce.status, output).toBe(0);
  }, 200_000);

  it('packages with no warning', () => {
    expect(output).not.toMatch(/WARNING|ERROR/);
  });

  it('holds the bundles, the runtime, the walkthrough pictures and the schemas, and no sources or source maps', () => {
    const listing = zipEntries(vsix);
    const names = listing.filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
    for (const file of ['dist/extension.js', 'dist/audit-worker.js', 'media/dist/webview.js', 'dist/ort-wasm-simd-threaded.wasm', 'schemas/report.schema.json', 'schemas/fairuse.schema.json', 'examples/heart.csv']) {
      expect(names).toContain(file);
    }
    for (const step of manifest.contributes.walkthroughs[0].steps) expect(names).toContain(step.media.image);
    expect(names.filter((f) => /^(src|test|scripts|webview|node_modules)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'))).toEqual([]);
    console.log(`.vsix: ${(lstatSync(vsix).size / 1024 / 1024).toFixed(2)} MB, ${names.length} files`);
  });
});
