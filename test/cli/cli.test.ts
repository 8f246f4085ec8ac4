import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportFileSchemaErrors } from '../support/report-schema';
import { renderReportHtml } from '../../src/core/report/render/html';

const root = resolve(__dirname, '../..');
const heart = join(root, 'examples/heart.csv');
const work = mkdtempSync(join(tmpdir(), 'fairuse-cli-'));

function fairuse(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function csv(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('fairuse audit on examples/heart.csv', () => {
  const jsonPath = join(work, 'heart.json');
  let run: ReturnType<typeof fairuse>;
  beforeAll(() => {
    run = fairuse('audit', heart, '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '200', '--json', jsonPath, '--no-color');
  });

  it('exits 3 with an inconclusive last line: no violation, but one group untested and 61 test rows too few for 4 groups', () => {
    const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(report.metrics.error.summary.rationalityViolations + report.metrics.error.summary.envyViolations).toBe(0);
    expect(report.limits.tooManyGroups).toBe(true);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('');
    // SPEC §7 by hand: 4 equal groups need ln 5 / ln(1 + 4·0.01²) = 4024.4 → 4025 test rows each.
    expect(run.stdout.trimEnd().split('\n').pop()).toMatch(/^Inconclusive: no significant violation was found, but 1 of 4 groups could not be tested in error rate .*; each group would need about 4025 test rows\.$/);
  });

  it('writes the SPEC §8 JSON', () => {
    const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(reportFileSchemaErrors(jsonPath)).toEqual([]);
    expect(report.dataset).toMatchObject({ rows: 303, droppedRows: 0, label: 'Disease', positive: '1', groupAttributes: ['Sex', 'Age'] });
    expect(report.dataset.features).toHaveLength(27);
    expect(report.settings).toMatchObject({ technique: '1hot', model: 'lr', C: 1, seed: 2338, bootstrap: 200, alpha: 0.1, correction: 'bonferroni', testSize: 0.2 });
    expect(report.groups.map((g: { id: string }) => g.id)).toEqual(['Sex=Female, Age=Old', 'Sex=Female, Age=Young', 'Sex=Male, Age=Old', 'Sex=Male, Age=Young']);
    const nTest = report.groups.reduce((s: number, g: { nTest: number }) => s + g.nTest, 0);
    const nTrain = report.groups.reduce((s: number, g: { nTrain: number }) => s + g.nTrain, 0);
    expect(nTest + nTrain).toBe(303);
    expect(Math.abs(nTest - 0.2 * 303)).toBeLessThanOrEqual(4);
    expect(Object.keys(report.metrics).sort()).toEqual(['auc', 'brier', 'comprehensiveness', 'ece', 'error', 'logloss', 'sufficiency']);
    for (const metric of Object.values(report.metrics) as Array<{ rationality: unknown[]; envy: unknown[] }>) {
      expect(metric.rationality).toHaveLength(4);
      expect(metric.envy).toHaveLength(12);
    }
    const row = report.metrics.error.rationality[0];
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['group', 'generic', 'personalized', 'gain', 'ci', 'pHarm', 'pGain', 'verdict']));
    if (row.verdict !== 'untested') {
      expect(row.gain).toBeCloseTo(row.generic - row.personalized, 12);
      expect(row.ci[0]).toBeLessThanOrEqual(row.ci[1]);
    }
    const envy = report.metrics.auc.envy[0];
    expect(Object.keys(envy)).toEqual(expect.arrayContaining(['group', 'reportedAs', 'truthful', 'misreported', 'gain', 'ci', 'pHarm', 'pGain', 'verdict']));
    if (envy.gain !== null) expect(envy.gain).toBeCloseTo(envy.truthful - envy.misreported, 12);
  });

  it('prints the Figure 1 table, the envy matrix and the Table 1 summary', () => {
    expect(run.stdout).toContain('Error rate — rationality');
    expect(run.stdout).toContain('envy-freeness');
    expect(run.stdout).toContain('Summary (as paper 1, Table 1)');
    expect(run.stdout).toContain('Sex=Female, Age=Old');
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it('gives byte-identical JSON for the same inputs and seed', () => {
    const again = join(work, 'heart-again.json');
    fairuse('audit', heart, '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '200', '--json', again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(jsonPath, 'utf8'));
  });

  it('writes JSON to stdout with --json - and Markdown with --markdown', () => {
    const md = join(work, 'heart.md');
    const out = fairuse('audit', heart, '--label', 'Disease', '--groups', 'Sex,Age', '--technique', 'dcp', '--bootstrap', '50', '--json', '-', '--markdown', md);
    expect([0, 1, 3]).toContain(out.status);
    const report = JSON.parse(out.stdout);
    expect(report.settings.technique).toBe('dcp');
    expect(readFileSync(md, 'utf8')).toMatch(/^# Fair use audit/);
    expect(readFileSync(md, 'utf8')).toContain('| Group | n test | Without groups | With groups |');
  });

  it('writes the standalone HTML report with --html: the editor export of the same report, self-contained and escaped', () => {
    const rows = ['y,g,x', ...Array.from({ length: 120 }, (_, i) => `${i % 2},${i % 3 === 0 ? '<script>alert(1)</script>' : 'b & "c"'},${(i * 7) % 11}`)];
    const data = csv('hostile-html.csv', rows.join('\n'));
    const html = join(work, 'hostile.html');
    const out = fairuse('audit', data, '--label', 'y', '--groups', 'g', '--bootstrap', '50', '--json', join(work, 'hostile.json'), '--html', html);
    expect([0, 1, 3]).toContain(out.status);
    const text = readFileSync(html, 'utf8');
    expect(text).toBe(renderReportHtml(JSON.parse(readFileSync(join(work, 'hostile.json'), 'utf8'))));
    expect(text).toMatch(/^<!DOCTYPE html>/);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toMatch(/<script|<link|\ssrc=|@import|url\(/i);
  });
});

describe('bad input: exit status 2 and one line naming the problem', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['missing file', () => ['audit', join(work, 'nope.csv'), '--label', 'y', '--groups', 'g'], /No CSV file at/],
    ['empty file', () => ['audit', csv('empty.csv', ''), '--label', 'y', '--groups', 'g'], /empty/i],
    ['header only', () => ['audit', csv('header.csv', 'y,g,x\n'), '--label', 'y', '--groups', 'g'], /header/i],
    ['unknown label', () => ['audit', heart, '--label', 'Nope', '--groups', 'Sex'], /Nope/],
    ['unknown group', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex,Height'], /Height/],
    ['label with three text classes', () => ['audit', csv('three.csv', 'y,g,x\nlow,a,1\nmid,b,2\nhigh,a,3\nlow,b,1\n'), '--label', 'y', '--groups', 'g'], /"y" has 3 distinct values/],
    ['group listed as feature', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex,Age', '--features', 'Sex,ExerciseAngina'], /Sex/],
    ['ragged row', () => ['audit', csv('ragged.csv', 'y,g,x\n0,a,1\n1,b\n'), '--label', 'y', '--groups', 'g'], /line 3/i],
    ['unknown technique', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex', '--technique', 'magic'], /magic/],
    ['bad number', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex', '--alpha', 'lots'], /alpha/],
    ['unknown option', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex', '--colour'], /Unknown option '--colour'\. Did you mean --color\?/],
    ['mistyped option', () => ['audit', heart, '--lable', 'Disease', '--groups', 'Sex'], /Unknown option '--lable'\. Did you mean --label\?/],
    ['option too short to guess', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex', '--x'], /^fairuse: Unknown option '--x'\. Run `fairuse --help`/],
    ['spec with a BOM and a semicolon CSV', () => ['audit', '--spec', csv('semi.fairuse.json', '\uFEFF' + JSON.stringify({ data: csv('semi.csv', 'y;g;x\n0;a;1\n1;b;2\n'), label: 'y', groups: ['g'] }))], /semicolon-separated/],
    ['no command', () => [], /command/i],
    ['--json onto the data file', () => ['audit', csv('keep.csv', 'y,g,x\n0,a,1\n1,b,2\n'), '--label', 'y', '--groups', 'g', '--json', join(work, 'keep.csv')], /would overwrite the data file/],
    ['--html onto the data file', () => ['audit', csv('keep2.csv', 'y,g,x\n0,a,1\n1,b,2\n'), '--label', 'y', '--groups', 'g', '--html', join(work, 'keep2.csv')], /--html .* would overwrite the data file/],
    ['--html given to train', () => ['train', heart, '--label', 'Disease', '--groups', 'Sex', '--save-model', join(work, 'm.json'), '--html', join(work, 'm.html')], /--html is an option of fairuse audit/],
    ['JSON and Markdown both to stdout', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex', '--json', '-', '--markdown', '-'], /standard output/],
    ['a numeric group column with many values', () => ['audit', csv('ages-raw.csv', ['y,age,x', ...Array.from({ length: 40 }, (_, i) => `${i % 2},${20 + i},${i % 3}`)].join('\n')), '--label', 'y', '--groups', 'age'], /age.*40 different numbers.*--groups age:/],
    ['bad bucket syntax', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex:60:30'], /increasing cut points/],
    ['unknown model class', () => ['audit', heart, '--label', 'Disease', '--groups', 'Sex', '--model', 'svm'], /model 'svm'/],
    ['saving a forest as a model file', () => ['train', heart, '--label', 'Disease', '--groups', 'Sex', '--model', 'rf', '--save-model', join(work, 'rf.json')], /holds logistic regressions for a binary label, not --model rf/],
    ['spec that is not JSON', () => ['audit', '--spec', csv('broken.fairuse.json', '{ "data": ')], /not valid JSON/],
    ['spec with an unknown field', () => ['audit', '--spec', csv('odd.fairuse.json', JSON.stringify({ data: 'heart.csv', label: 'Disease', groups: ['Sex'], alpah: 0.1 }))], /unknown field "alpah"\. Did you mean "alpha"\?/],
    ['spec naming a missing CSV', () => ['audit', '--spec', csv('lost.fairuse.json', JSON.stringify({ data: 'lost.csv', label: 'y', groups: ['g'] }))], /lost\.csv/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, () => {
      const run = fairuse(...args());
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^fairuse: /);
      expect(lines[0]).toMatch(pattern);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('fairuse audit --spec', () => {
  it('gives the same report as the equivalent flags, with the data path relative to the spec', () => {
    // A spec reads only inside its own folder (issue 14): the data sits beside it.
    const heartHere = csv('heart.csv', readFileSync(heart, 'utf8'));
    const spec = csv('heart.fairuse.json', JSON.stringify({ data: 'heart.csv', label: 'Disease', groups: ['Sex', 'Age'], technique: 'all', bootstrap: 100, seed: 7 }));
    const fromSpec = fairuse('audit', '--spec', spec, '--json', '-');
    const fromFlags = fairuse('audit', heartHere, '--label', 'Disease', '--groups', 'Sex,Age', '--technique', 'all', '--bootstrap', '100', '--seed', '7', '--json', '-');
    expect(fromSpec.stderr).toBe('');
    const [a, b] = [JSON.parse(fromSpec.stdout), JSON.parse(fromFlags.stdout)];
    expect(a.settings).toMatchObject({ technique: 'all', bootstrap: 100, seed: 7 });
    // The same audit; only the record of where the settings came from differs.
    expect(a.settings.sources).toEqual({ technique: 'spec', bootstrap: 'spec', seed: 'spec' });
    expect(b.settings.sources).toEqual({ technique: 'command line', bootstrap: 'command line', seed: 'command line' });
    delete a.settings.sources;
    delete b.settings.sources;
    expect(a).toEqual(b);
  });

  it('lets command-line flags override the spec', () => {
    csv('heart.csv', readFileSync(heart, 'utf8'));
    const spec = csv('override.fairuse.json', JSON.stringify({ data: 'heart.csv', label: 'Disease', groups: ['Sex', 'Age'], bootstrap: 100 }));
    const report = JSON.parse(fairuse('audit', '--spec', spec, '--bootstrap', '50', '--metric', 'auc', '--json', '-').stdout);
    expect(report.settings).toMatchObject({ bootstrap: 50, metric: 'auc' });
    expect(report.settings.sources).toEqual({ bootstrap: 'command line', metric: 'command line' });
  });

  it('buckets a numeric group column as the spec says', () => {
    const rows = ['y,sex,age,x'];
    for (let i = 0; i < 240; i++) {
      const age = 18 + ((i * 37) % 70);
      const x = ((i * 13) % 17) / 17;
      rows.push(`${(i * 7) % 3 === 0 ? 1 : 0},${i % 2 ? 'F' : 'M'},${age},${x.toFixed(3)}`);
    }
    csv('ages.csv', `${rows.join('\n')}\n`);
    const spec = csv('ages.fairuse.json', JSON.stringify({ data: 'ages.csv', label: 'y', groups: ['sex', { column: 'age', buckets: [30, 60] }], bootstrap: 50 }));
    const run = fairuse('audit', '--spec', spec, '--json', '-');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.dataset.groupAttributes).toEqual(['sex', 'age']);
    const ages = new Set(report.groups.map((g: { values: { age: string } }) => g.values.age));
    expect([...ages].sort()).toEqual(['30-60', '60+', '<30']);
    const expected = { '<30': 0, '30-60': 0, '60+': 0 } as Record<string, number>;
    for (let i = 0; i < 240; i++) {
      const age = 18 + ((i * 37) % 70);
      expected[age < 30 ? '<30' : age < 60 ? '30-60' : '60+']++;
    }
    for (const bucket of Object.keys(expected)) {
      const n = report.groups
        .filter((g: { values: { age: string } }) => g.values.age === bucket)
        .reduce((s: number, g: { nTrain: number; nTest: number }) => s + g.nTrain + g.nTest, 0);
      expect(n).toBe(expected[bucket]);
    }
  });
});

describe('fairuse audit --intervene', () => {
  it('prints one Table 3 per intervention, data minimization and the SPEC §7 limits, and writes them to JSON', () => {
    const run = fairuse('audit', heart, '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '100', '--intervene', '--epsilon', '0.05', '--no-color', '--json', join(work, 'intervene.json'));
    expect(run.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(work, 'intervene.json'), 'utf8'));
    expect(report.interventions.items.map((i: { kind: string }) => i.kind)).toEqual(['generic', 'decoupled', 'selected']);
    expect(report.limits.epsilon).toBe(0.05);
    expect(reportFileSchemaErrors(join(work, 'intervene.json'))).toEqual([]);
    for (const kind of ['generic', 'decoupled', 'selected']) expect(run.stdout).toContain(`Intervention "${kind}"`);
    expect(run.stdout).toMatch(/Data minimization: /);
    expect(run.stdout).toMatch(/can validate about \d+\.\d binary attributes/);
  });
});

describe('gates that must not pass silently', () => {
  it('exits 3 and says so when no group has enough test rows to be tested', () => {
    const rows = ['y,g,x', ...Array.from({ length: 30 }, (_, i) => `${i % 2},${i % 3 === 0 ? 'a' : 'b'},${i}`)];
    const run = fairuse('audit', csv('tiny.csv', rows.join('\n')), '--label', 'y', '--groups', 'g', '--bootstrap', '20', '--no-color');
    expect(run.status).toBe(3);
    expect(run.stdout).toMatch(/Inconclusive: no group could be tested in error rate/);
  });

  it('exits 0 only when no violation was found and the data could have shown one (every group tested, enough test rows for ε)', () => {
    // 2 groups of 60 test rows; at ε = 0.1 SPEC §7 asks for ln 3 / ln 1.04 = 28.01 → 29 rows per group.
    const rows = ['y,g,x', ...Array.from({ length: 600 }, (_, i) => { const x = ((i * 37) % 101) / 101; return `${(x > 0.5) !== (i % 9 === 0) ? 1 : 0},${i % 2 ? 'a' : 'b'},${x.toFixed(3)}`; })];
    const path = csv('clean.csv', rows.join('\n'));
    const enough = fairuse('audit', path, '--label', 'y', '--groups', 'g', '--epsilon', '0.1', '--bootstrap', '50', '--quiet');
    expect(enough.status).toBe(0);
    expect(enough.stdout).toMatch(/^No significant fair-use violation in error rate, and the data could have shown one: /);
    // The same data at ε = 0.01 would need 2748 rows per group: inconclusive, and the gate fails.
    const tooFew = fairuse('audit', path, '--label', 'y', '--groups', 'g', '--bootstrap', '50', '--quiet');
    expect(tooFew.status).toBe(3);
    expect(tooFew.stdout).toMatch(/^Inconclusive: .*each group would need about 2748 test rows\.\n$/);
  });

  it('buckets a numeric group written column:cut:cut, as the spec would', () => {
    const rows = ['y,sex,age,x'];
    for (let i = 0; i < 240; i++) rows.push(`${(i * 7) % 3 === 0 ? 1 : 0},${i % 2 ? 'F' : 'M'},${18 + ((i * 37) % 70)},${((i * 13) % 17) / 17}`);
    const path = csv('ages2.csv', rows.join('\n'));
    const fromFlag = fairuse('audit', path, '--label', 'y', '--groups', 'sex,age:30:60', '--bootstrap', '50', '--json', '-');
    const spec = csv('ages2.fairuse.json', JSON.stringify({ data: 'ages2.csv', label: 'y', groups: ['sex', { column: 'age', buckets: [30, 60] }], bootstrap: 50 }));
    const fromSpec = fairuse('audit', '--spec', spec, '--json', '-');
    expect(fromFlag.stderr).toBe('');
    expect(JSON.parse(fromFlag.stdout).groups.map((g: { id: string }) => g.id)).toEqual(JSON.parse(fromSpec.stdout).groups.map((g: { id: string }) => g.id));
    expect(JSON.parse(fromFlag.stdout).metrics).toEqual(JSON.parse(fromSpec.stdout).metrics);
  });

  it('names a feature that looks like an identifier', () => {
    const rows = ['y,g,patient_id,x'];
    for (let i = 0; i < 200; i++) rows.push(`${i % 2},${i % 4 < 2 ? 'a' : 'b'},P${1000 + i},${(i % 7) / 7}`);
    const report = JSON.parse(fairuse('audit', csv('ids.csv', rows.join('\n')), '--label', 'y', '--groups', 'g', '--bootstrap', '20', '--json', '-').stdout);
    expect(report.warnings.some((w: string) => w.startsWith('The feature patient_id has 200 different values'))).toBe(true);
  });
});

describe('long work: the many-groups notice and --progress (issue 14, item 10)', () => {
  /** Groups ga × gb of `a` × `b` levels, 6 rows each, label alternating within a group. */
  function groupsCsv(name: string, a: number, b: number): string {
    const rows = ['y,ga,gb,x'];
    for (let g = 0; g < a * b; g++) for (let i = 0; i < 6; i++) rows.push(`${i % 2},a${g % a},b${Math.floor(g / a)},${(i * 7 + g) % 11}`);
    return csv(name, rows.join('\n'));
  }

  it('more than 64 groups: one line on stderr before the work, with the count and an estimate said to be one', () => {
    const run = fairuse('audit', groupsCsv('g66.csv', 11, 6), '--label', 'y', '--groups', 'ga,gb', '--bootstrap', '10', '--exit-zero');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^fairuse: The audit has 66 groups \(more than 64\): every group is compared with every other, so it takes longer; expected about \d+ (s|min) \(an estimate from 396 rows × 66 groups × 10 resamples; forests and nets take longer\)\.\n$/);
  });

  it('64 groups: no notice; --quiet: no notice either', () => {
    expect(fairuse('audit', groupsCsv('g64.csv', 8, 8), '--label', 'y', '--groups', 'ga,gb', '--bootstrap', '10', '--exit-zero').stderr).toBe('');
    expect(fairuse('audit', groupsCsv('g66q.csv', 11, 6), '--label', 'y', '--groups', 'ga,gb', '--bootstrap', '10', '--exit-zero', '--quiet').stderr).toBe('');
  });

  it('explanations far longer than the rest: one line on stderr before the work, with the estimate and the way to skip them', async () => {
    // 60 groups, 150 features, half of 2,000 rows held out: the net's explanations (about 14 s) dwarf B = 20.
    const rows = [['y', 'g', ...Array.from({ length: 150 }, (_, j) => `x${j}`)].join(',')];
    for (let i = 0; i < 2000; i++) rows.push([i % 2, `g${i % 60}`, ...Array.from({ length: 150 }, (_, j) => ((i * 31 + j * 17) % 97) / 97)].join(','));
    const path = csv('wide.csv', rows.join('\n'));
    const args = [join(root, 'bin/fairuse.js'), 'audit', path, '--label', 'y', '--groups', 'g', '--model', 'nn', '--test-size', '0.5', '--bootstrap', '20'];
    // The line comes before the long work: read it, then stop the audit.
    const child = spawn(process.execPath, args, { cwd: root });
    const firstLine = await new Promise<string>((done) => {
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes('\n')) done(text);
      });
      child.on('exit', () => done(text));
    });
    child.kill();
    expect(firstLine).toMatch(/^fairuse: explanations will take about \d+ s \(Integrated Gradients on 1,000 test rows × 61 models; the rest of the audit about \d+ s\); --no-explanations skips them\n$/);
    // --quiet says nothing, and --no-explanations has nothing to say.
    expect(fairuse(...args.slice(1), '--quiet', '--no-explanations', '--exit-zero').stderr).toBe('');
  }, 60_000);

  it('--progress writes whole lines on stderr when it is no terminal (here a pipe); without it nothing', () => {
    const path = groupsCsv('g4.csv', 2, 2);
    // the engine reports every 50 resamples of a group: B = 100 gives events to show
    const run = fairuse('audit', path, '--label', 'y', '--groups', 'ga,gb', '--bootstrap', '100', '--exit-zero', '--progress', '--min-group-size', '1');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe('splitting…');
    const bootstrap = lines.filter((line) => line.startsWith('bootstrap '));
    expect(bootstrap[0]).toBe('bootstrap 0/100…');
    expect(bootstrap.at(-1)).toBe('bootstrap 100/100…');
    expect(bootstrap.length).toBeLessThanOrEqual(11);
    expect(lines.at(-2)).toBe('writing the report…');
    expect(lines.at(-1)).toBe('');
    expect(fairuse('audit', path, '--label', 'y', '--groups', 'ga,gb', '--bootstrap', '10', '--exit-zero', '--min-group-size', '1').stderr).toBe('');
  });
});
