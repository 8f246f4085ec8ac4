import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'fairuse-data-'));

function fairuse(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), ...args], { cwd: work, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  writeFileSync(join(work, name), content);
  return name;
}

/** Latin-1 bytes: one byte per character below U+0100. */
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** 40 rows of y, Âge (a text group with accents) and a feature x. */
function accentedRows(): string {
  const rows = ['y,Âge,x'];
  for (let i = 0; i < 40; i++) rows.push(`${i % 2},${i % 4 < 2 ? 'Âgé' : 'Jeune'},${(i * 7) % 11}`);
  return `${rows.join('\n')}\n`;
}

describe('fairuse audit: the encoding of the CSV', () => {
  it('refuses a Latin-1 file with one line naming the file, the line and the fix (exit 2)', () => {
    const path = file('latin1.csv', latin1(accentedRows()));
    const run = fairuse('audit', path, '--label', 'y', '--groups', 'Âge', '--bootstrap', '20', '--json', '-');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "fairuse: The CSV file 'latin1.csv' is not UTF-8: line 1 holds the byte 0xC2 (\"Âge\" as Windows-1252), which UTF-8 does not allow there; it was probably saved as Latin-1 / Windows-1252. Save it as UTF-8 (in Excel: Save As, file type \"CSV UTF-8\"), then run the audit again.\n",
    );
  });

  it('reads the same file saved as UTF-8, with or without a byte-order mark', () => {
    const plain = fairuse('audit', file('utf8.csv', accentedRows()), '--label', 'y', '--groups', 'Âge', '--bootstrap', '20', '--json', '-');
    const withBom = fairuse('audit', file('utf8-bom.csv', `\uFEFF${accentedRows()}`), '--label', 'y', '--groups', 'Âge', '--bootstrap', '20', '--json', '-');
    expect(plain.stderr).toBe('');
    const report = JSON.parse(plain.stdout);
    expect(report.groups.map((g: { id: string }) => g.id)).toEqual(['Âge=Jeune', 'Âge=Âgé']);
    expect(JSON.parse(withBom.stdout).metrics).toEqual(report.metrics);
  });

  it('refuses an audit spec that is not UTF-8, without the Excel advice', () => {
    const spec = file('latin1.fairuse.json', latin1('{ "data": "utf8.csv", "label": "y", "groups": ["Âge"] }'));
    const run = fairuse('audit', '--spec', spec);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^fairuse: The audit spec 'latin1\.fairuse\.json' is not UTF-8: line 1 .* Save it as UTF-8, then run the audit again\.\n$/);
  });
});

describe('fairuse audit: the label', () => {
  /** 120 rows: label cells from `label(i)`, a group sex and a feature x. */
  function rows(label: (i: number) => string): string {
    const lines = ['Disease,sex,x'];
    for (let i = 0; i < 120; i++) lines.push(`${label(i)},${i % 2 ? 'F' : 'M'},${(i * 7) % 13}`);
    return `${lines.join('\n')}\n`;
  }

  it('audits 0, 1 and 1.0 as a binary label, positive "1"', () => {
    const path = file('one-point-zero.csv', rows((i) => (i % 3 === 0 ? '0' : i % 3 === 1 ? '1' : i % 5 === 0 ? '1.0' : '1')));
    const report = JSON.parse(fairuse('audit', path, '--label', 'Disease', '--groups', 'sex', '--bootstrap', '20', '--json', '-').stdout);
    expect(report.dataset).toMatchObject({ task: 'classification', positive: '1' });
  });

  it('refuses a 0/1 label with a stray 9 (exit 2, one line, the counts and both fixes), and audits it as a regression when told', () => {
    const path = file('stray-nine.csv', rows((i) => (i === 7 ? '9' : String(i % 2))));
    const refused = fairuse('audit', path, '--label', 'Disease', '--groups', 'sex', '--bootstrap', '20', '--json', '-');
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'fairuse: The label column "Disease" is numeric with only 3 distinct values ("0": 60 rows, "1": 59 rows, "9": 1 rows): classes with codes, or a measurement? ' +
        'If it is a measurement or a score, say so: --task regression ("task": "regression" in the spec); if it is a class label, recode it to two values, or leave the other rows\' label empty to drop them.\n',
    );
    const told = JSON.parse(fairuse('audit', path, '--label', 'Disease', '--groups', 'sex', '--bootstrap', '20', '--task', 'regression', '--json', '-').stdout);
    expect(told.dataset.task).toBe('regression');
  });
});

describe('fairuse audit: the features', () => {
  it('warns in the report about a feature written with decimal commas, read as categories', () => {
    const lines = ['y,sex,bmi'];
    for (let i = 0; i < 120; i++) lines.push(`${i % 2},${i % 3 ? 'F' : 'M'},"${20 + (i % 15)},${i % 10}"`);
    const report = JSON.parse(fairuse('audit', file('decimal-comma.csv', `${lines.join('\n')}\n`), '--label', 'y', '--groups', 'sex', '--bootstrap', '20', '--json', '-').stdout);
    expect(report.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^The feature bmi is read as categorical \(30 levels\), but 120 of its 120 non-missing cells look like numbers: "20,0" \(and 119 more\) looks like a decimal comma: save with decimal points\. /)]),
    );
  });
});

describe('fairuse audit: the groups', () => {
  /** 120 rows: Sex with three rows spelled "male", bmi from 18 to 29.9 and a feature x. */
  function rows(): string {
    const lines = ['y,Sex,bmi,x'];
    for (let i = 0; i < 120; i++) lines.push(`${i % 2},${i < 3 ? 'male' : i % 3 ? 'Female' : 'Male'},${(18 + i / 10).toFixed(1)},${(i * 7) % 13}`);
    return `${lines.join('\n')}\n`;
  }

  it('warns in the report about values that differ only in letter case, and about cut points that leave one bucket', () => {
    const report = JSON.parse(fairuse('audit', file('groups.csv', rows()), '--label', 'y', '--groups', 'Sex,bmi:100', '--bootstrap', '20', '--json', '-').stdout);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        'The group attribute Sex has the values "male" (3 rows) and "Male" (39 rows), which differ only in letter case: they are different groups here; recode them if they are the same.',
        expect.stringMatching(/^The group attribute bmi takes one value, "<100", on all 120 rows kept: it divides no group\. Its cut points \(100\) put every row in one bucket: its values range from 18 to 29\.9; /),
      ]),
    );
  });

  it('refuses cut points that leave one bucket when the attribute is the only one (exit 2)', () => {
    const run = fairuse('audit', file('groups.csv', rows()), '--label', 'y', '--groups', 'bmi:100', '--bootstrap', '20');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^fairuse: The group attribute "bmi" takes a single value, "bmi=<100", on all 120 rows kept; the audit compares at least two groups\. Its cut points \(100\) put every row in one bucket: its values range from 18 to 29\.9; choose cut points inside that range, e\.g\. bmi:\d+(\.\d+)?:\d+(\.\d+)? in --groups/);
  });
});

describe('fairuse audit: bucketed groups', () => {
  it('lists buckets in numeric order in the report, ids as before', () => {
    const lines = ['y,sex,age,x'];
    for (let i = 0; i < 240; i++) lines.push(`${(i * 7) % 3 === 0 ? 1 : 0},${i % 2 ? 'F' : 'M'},${18 + ((i * 37) % 70)},${((i * 13) % 17) / 17}`);
    const report = JSON.parse(fairuse('audit', file('ages.csv', `${lines.join('\n')}\n`), '--label', 'y', '--groups', 'sex,age:30:60', '--bootstrap', '20', '--json', '-').stdout);
    expect(report.groups.map((g: { id: string }) => g.id)).toEqual([
      'sex=F, age=<30',
      'sex=F, age=30-60',
      'sex=F, age=60+',
      'sex=M, age=<30',
      'sex=M, age=30-60',
      'sex=M, age=60+',
    ]);
    expect(report.metrics.error.rationality.map((r: { group: string }) => r.group)).toEqual(report.groups.map((g: { id: string }) => g.id));
  });
});
