/**
 * Hostile files and option sets (issue 14): each gets exit 2 and its exact one-line message, with no stack and
 * nothing on stdout. The files are in test/fixtures/hostile/; links, FIFOs and sparse files are made here.
 * The expected messages are in test/fixtures/hostile/expected.json (HOSTILE_WRITE=1 rewrites it for review).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const hostile = join(root, 'test/fixtures/hostile');
const work = mkdtempSync(join(tmpdir(), 'fairuse-hostile-'));
const expectedPath = join(hostile, 'expected.json');
// FAIRUSE_CLI runs the cases against another build (e.g. the commit before a fix, to see them fail there).
const cli = process.env.FAIRUSE_CLI ?? join(root, 'bin/fairuse.js');

function fairuse(args: readonly string[], nodeOptions: readonly string[] = []) {
  const run = spawnSync(process.execPath, [...nodeOptions, cli, ...args], { cwd: hostile, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.split(work).join('<tmp>').split(hostile).join('<hostile>') };
}

const good = join(hostile, 'good.csv');
const base = ['--label', 'y', '--groups', 'sex', '--bootstrap', '20'];
const at = (name: string) => join(work, name);

/** name → arguments; files under `work` are made in beforeAll. */
const CASES: Record<string, () => string[]> = {
  'empty file': () => ['audit', 'empty.csv', ...base],
  'whitespace only': () => ['audit', 'whitespace-only.csv', ...base],
  'header only': () => ['audit', 'header-only.csv', ...base],
  'Latin-1': () => ['audit', 'latin1.csv', ...base],
  'UTF-16': () => ['audit', 'utf16.csv', ...base],
  'ragged row': () => ['audit', 'ragged.csv', ...base],
  'unclosed quote': () => ['audit', 'unclosed-quote.csv', ...base],
  'duplicate column': () => ['audit', 'duplicate-column.csv', ...base],
  'unnamed column (pandas index)': () => ['audit', 'unnamed-column.csv', ...base],
  'semicolon-separated': () => ['audit', 'semicolon.csv', ...base],
  'binary junk': () => ['audit', 'binary-junk.csv', ...base],
  'label column missing': () => ['audit', 'label-missing.csv', ...base],
  'a numeric feature with one stray word': () => ['audit', 'stray-word.csv', ...base],
  'NUL inside a group value': () => ['audit', 'nul-in-value.csv', ...base],
  'spec that is /etc/passwd-like text (no contents echoed)': () => ['audit', '--spec', 'not-a-spec.fairuse.json'],
  'spec data is an absolute path outside its folder': () => ['audit', '--spec', 'spec-absolute.fairuse.json'],
  'spec data climbs out with ..': () => ['audit', '--spec', 'spec-dotdot.fairuse.json'],
  'spec data is /dev/zero': () => ['audit', '--spec', 'spec-device.fairuse.json'],
  'spec data is a link inside its folder to a file outside': () => ['audit', '--spec', at('spec/linked.fairuse.json')],
  'spec data is a number': () => ['audit', '--spec', 'spec-wrong-type.fairuse.json'],
  'model JSON cut off': () => ['audit', 'good.csv', '--model-file', 'model-not-json.json', '--label', 'y', '--groups', 'sex'],
  'ONNX model cut off': () => ['audit', 'good.csv', '--model-file', 'model-truncated.onnx', '--label', 'y', '--groups', 'sex'],
  'model of unknown format': () => ['audit', 'good.csv', '--model-file', 'model-unknown.bin', '--label', 'y', '--groups', 'sex'],
  'data is a FIFO': () => ['audit', at('fifo.csv'), ...base],
  'data is /dev/zero': () => ['audit', '/dev/zero', ...base],
  'data is a folder': () => ['audit', work, ...base],
  'data over the string limit (sparse 600 MB)': () => ['audit', at('sparse-600mb.csv'), ...base],
  'model JSON over the string limit with a raised --max-model-mb': () => ['audit', 'good.csv', '--model-file', at('sparse-600mb.json'), '--max-model-mb', '2000', '--label', 'y', '--groups', 'sex'],
  'model over the memory wall (heap 256 MB)': () => ['audit', 'good.csv', '--model-file', at('sparse-200mb.onnx'), '--max-model-mb', '2000', '--label', 'y', '--groups', 'sex'],
  'model over --max-model-mb': () => ['audit', 'good.csv', '--model-file', at('sparse-200mb.onnx'), '--label', 'y', '--groups', 'sex'],
  '--json is the data': () => ['audit', at('data.csv'), ...base, '--json', at('data.csv')],
  '--json is a symbolic link to the data': () => ['audit', at('data.csv'), ...base, '--json', at('link-to-data.json')],
  '--json is a hard link to the data': () => ['audit', at('data.csv'), ...base, '--json', at('hard-link-to-data.json')],
  '--markdown is a symbolic link to the spec': () => ['audit', '--spec', at('spec/good.fairuse.json'), '--markdown', at('link-to-spec.md')],
  '--save-model is a link to the data': () => ['train', at('data.csv'), '--label', 'y', '--groups', 'sex', '--save-model', at('link-to-data.json')],
  '--json and --markdown are the same file': () => ['audit', 'good.csv', ...base, '--json', at('same.out'), '--markdown', at('same.out')],
  '--json and --markdown both stdout': () => ['audit', 'good.csv', ...base, '--json', '-', '--markdown', '-'],
  '--json in a folder that does not exist (found before reading the data)': () => ['audit', 'latin1.csv', ...base, '--json', at('no/such/folder/out.json')],
  '--json is a folder': () => ['audit', 'good.csv', ...base, '--json', work],
  '--json is a dangling link': () => ['audit', 'good.csv', ...base, '--json', at('dangling.json')],
  '--C -1': () => ['audit', 'good.csv', ...base, '--C', '-1'],
  '--json with no file name': () => ['audit', 'good.csv', ...base, '--json'],
  '--json followed by another option': () => ['audit', 'good.csv', ...base, '--json', '--quiet'],
  '--C 0': () => ['audit', 'good.csv', ...base, '--C', '0'],
  '--seed -5': () => ['audit', 'good.csv', ...base, '--seed', '-5'],
  '--threshold -0.1': () => ['audit', 'good.csv', ...base, '--threshold', '-0.1'],
  '--epsilon -1': () => ['audit', 'good.csv', ...base, '--epsilon', '-1'],
  '--test-size 0.99': () => ['audit', 'good.csv', ...base, '--test-size', '0.99'],
  '--test-size 1': () => ['audit', 'good.csv', ...base, '--test-size', '1'],
  '--alpha 2': () => ['audit', 'good.csv', ...base, '--alpha', '2'],
  '--bootstrap 0': () => ['audit', 'good.csv', '--label', 'y', '--groups', 'sex', '--bootstrap', '0'],
  '--min-group-size 0': () => ['audit', 'good.csv', ...base, '--min-group-size', '0'],
  '--max-model-mb -1': () => ['audit', 'good.csv', '--model-file', 'model-not-json.json', '--max-model-mb', '-1'],
  '--groups with decreasing cuts': () => ['audit', 'good.csv', '--label', 'y', '--groups', 'age:60:40'],
  'unknown option': () => ['audit', 'good.csv', '--lable', 'y', '--groups', 'sex'],
  'missing --label': () => ['audit', 'good.csv', '--groups', 'sex'],
  '--intervene with --model-file (found before reading)': () => ['audit', 'good.csv', '--model-file', 'model-not-json.json', '--label', 'y', '--groups', 'sex', '--intervene'],
  'spec with a model file and "interventions": true': () => ['audit', '--spec', at('spec/intervene-model.fairuse.json')],
};

const results: Record<string, ReturnType<typeof fairuse>> = {};

beforeAll(() => {
  copyFileSync(good, at('data.csv'));
  symlinkSync(at('data.csv'), at('link-to-data.json'));
  linkSync(at('data.csv'), at('hard-link-to-data.json'));
  symlinkSync(at('nothing-here.json'), at('dangling.json'));
  execFileSync('mkfifo', [at('fifo.csv')]);
  writeFileSync(at('sparse-600mb.csv'), '');
  truncateSync(at('sparse-600mb.csv'), 600 * 1024 ** 2);
  writeFileSync(at('sparse-600mb.json'), '');
  truncateSync(at('sparse-600mb.json'), 600 * 1024 ** 2);
  writeFileSync(at('sparse-200mb.onnx'), '');
  truncateSync(at('sparse-200mb.onnx'), 200 * 1024 ** 2);
  mkdirSync(at('spec'));
  copyFileSync(good, at('spec/good.csv'));
  writeFileSync(at('spec/good.fairuse.json'), '{ "data": "good.csv", "label": "y", "groups": ["sex"], "bootstrap": 20 }\n');
  symlinkSync(at('spec/good.fairuse.json'), at('link-to-spec.md'));
  symlinkSync('/etc/passwd', at('spec/passwd.csv'));
  copyFileSync(join(hostile, 'model-not-json.json'), at('spec/model.json'));
  writeFileSync(at('spec/intervene-model.fairuse.json'), '{ "data": "good.csv", "label": "y", "groups": ["sex"], "model": "model.json", "interventions": true }\n');
  writeFileSync(at('spec/linked.fairuse.json'), '{ "data": "passwd.csv", "label": "y", "groups": ["sex"] }\n');
  for (const [name, args] of Object.entries(CASES)) {
    results[name] = fairuse(args(), name.includes('heap 256 MB') ? ['--max-old-space-size=256'] : []);
  }
  if (process.env.HOSTILE_WRITE) {
    writeFileSync(expectedPath, `${JSON.stringify(Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.stderr.trimEnd()])), null, 2)}\n`);
  }
}, 300_000);

describe('hostile files and options (test/fixtures/hostile)', () => {
  it('holds at least 40 cases', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(40);
  });

  it.each(Object.keys(CASES))('%s: exit 2, its one-line message, nothing on stdout', (name) => {
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, string>;
    const run = results[name];
    expect(run.stderr.trimEnd()).toBe(expected[name]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^fairuse: [^\n]+\n$/);
    expect(run.stderr).not.toMatch(/internal error|\bat .*:\d+:\d+|FATAL|[\u0000-\u0009\u000b-\u001f]/);
  });

  it('no file contents are echoed: the spec that is not JSON and the linked /etc/passwd stay unquoted', () => {
    expect(results['spec that is /etc/passwd-like text (no contents echoed)'].stderr).not.toMatch(/root|secret/);
    expect(results['spec data is a link inside its folder to a file outside'].stderr).not.toMatch(/root:|bin\/bash/);
  });

  it('nothing was written over an input, and no output or temporary file was left', () => {
    expect(readFileSync(at('data.csv'), 'utf8')).toBe(readFileSync(good, 'utf8'));
    expect(readFileSync(at('spec/good.fairuse.json'), 'utf8')).toMatch(/"data": "good.csv"/);
    const leftovers = execFileSync('find', [work, '-name', '*.tmp', '-o', '-name', 'same.out', '-o', '-name', 'out.json'], { encoding: 'utf8' });
    expect(leftovers).toBe('');
  });
});

describe('--missing-values: the user names the stray text as missing, and the column stays numeric', () => {
  it('audits stray-word.csv with --missing-values abc (one cell imputed), and with "missingValues" in a spec', () => {
    const flags = fairuse(['audit', 'stray-word.csv', ...base, '--missing-values', 'abc', '--json', '-', '--exit-zero']);
    expect(flags.stderr).toBe('');
    expect(flags.status).toBe(0);
    const report = JSON.parse(flags.stdout);
    expect(report.dataset.features).toEqual(['age']);
    expect(report.dataset.droppedRows).toBe(0);
    const spec = join(work, 'stray.fairuse.json');
    writeFileSync(join(work, 'stray-word.csv'), readFileSync(join(hostile, 'stray-word.csv')));
    writeFileSync(spec, JSON.stringify({ data: 'stray-word.csv', label: 'y', groups: ['sex'], bootstrap: 20, missingValues: ['abc'] }));
    const fromSpec = fairuse(['audit', '--spec', spec, '--json', '-', '--exit-zero']);
    expect(fromSpec.stderr).toBe('');
    expect(JSON.parse(fromSpec.stdout).metrics).toEqual(report.metrics);
  });
});
