import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The Parquet files were written by DuckDB (scripts/fixtures/make_parquet_fixtures.mjs), not by this project.
const root = resolve(__dirname, '../..');
const parquet = join(root, 'test/fixtures/parquet');
const heartCsv = join(root, 'examples/heart.csv');
const work = mkdtempSync(join(tmpdir(), 'fairuse-parquet-cli-'));

function fairuse(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), ...args], { cwd: work, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The report less what names the files read (their paths and digests). */
function withoutFiles(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'), (key, value) => (key === 'path' || key === 'sha256' ? undefined : value));
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root });
});

describe('fairuse audit on Parquet files', () => {
  it('the heart example as Parquet gives the report of the CSV, number for number', () => {
    const args = ['--label', 'Disease', '--groups', 'Sex,Age', '--technique', 'all', '--bootstrap', '200'];
    expect(fairuse('audit', heartCsv, ...args, '--json', 'csv.json').status).toBe(3);
    expect(fairuse('audit', join(parquet, 'heart.parquet'), ...args, '--json', 'parquet.json').status).toBe(3);
    expect(withoutFiles(join(work, 'parquet.json'))).toEqual(withoutFiles(join(work, 'csv.json')));
  });

  it('a predictions file in Parquet is audited as the same predictions in CSV', () => {
    // The CSV this project writes, and DuckDB's Parquet copy of it made by the fixture script.
    expect(fairuse('train', heartCsv, '--label', 'Disease', '--groups', 'Sex,Age', '--save-model', 'm.json', '--save-predictions', 'p.csv').status).toBe(0);
    const args = ['--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '200'];
    expect(fairuse('audit', heartCsv, '--model-file', 'p.csv', ...args, '--json', 'pc.json').status).toBe(3);
    const run = fairuse('audit', heartCsv, '--model-file', join(parquet, 'heart-predictions.parquet'), ...args, '--json', 'pp.json');
    expect(run.stderr).toBe('');
    expect(withoutFiles(join(work, 'pp.json'))).toEqual(withoutFiles(join(work, 'pc.json')));
  });

  it('a truncated Parquet file: one line, exit 2, nothing written', () => {
    const whole = readFileSync(join(parquet, 'heart.parquet'));
    writeFileSync(join(work, 'cut.parquet'), whole.subarray(0, whole.length - 300));
    const run = fairuse('audit', 'cut.parquet', '--label', 'Disease', '--groups', 'Sex,Age', '--json', 'cut.json', '--markdown', 'cut.md');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("fairuse: The data file 'cut.parquet' is truncated: it does not end with the Parquet mark PAR1. Write the file again (pyarrow, DuckDB, Spark or pandas.to_parquet) and check that it was copied whole.\n");
    expect(existsSync(join(work, 'cut.json')) || existsSync(join(work, 'cut.md'))).toBe(false);
  });

  it('a Parquet file without the mark PAR1 at its start (a CSV renamed) is refused, not read as text', () => {
    writeFileSync(join(work, 'renamed.parquet'), readFileSync(heartCsv));
    const run = fairuse('audit', 'renamed.parquet', '--label', 'Disease', '--groups', 'Sex,Age', '--json', 'renamed.json');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^fairuse: The data file 'renamed.parquet' is not a Parquet file .*\n$/);
    expect(existsSync(join(work, 'renamed.json'))).toBe(false);
  });
});
