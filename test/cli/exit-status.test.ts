import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function fairuse(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), ...args], { cwd: root, encoding: 'utf8' });
}

describe('exit status', () => {
  const heart = ['audit', 'examples/heart.csv', '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '100', '--quiet', '--no-color'];

  it('heart with four groups is inconclusive: exit 3, and the last line says why and how many rows would do', () => {
    const run = fairuse(...heart);
    expect(run.status).toBe(3);
    expect(run.stdout.trim()).toMatch(/^Inconclusive: .*too few.*each group would need about \d+ test rows\.$/);
  });

  it('--exit-zero exits 0 on the same audit and prints the same verdict', () => {
    const gated = fairuse(...heart);
    const look = fairuse(...heart, '--exit-zero');
    expect(look.status).toBe(0);
    expect(look.stdout).toBe(gated.stdout);
  });

  it('--exit-zero exits 0 on a violation too (dcp harms groups of heart in log loss)', () => {
    const gated = fairuse(...heart, '--technique', 'dcp', '--metric', 'logloss');
    expect(gated.status).toBe(1);
    expect(fairuse(...heart, '--technique', 'dcp', '--metric', 'logloss', '--exit-zero').status).toBe(0);
  });

  it('--exit-zero still exits 2 when the audit cannot run', () => {
    const run = fairuse('audit', 'examples/heart.csv', '--label', 'NoSuchColumn', '--groups', 'Sex', '--exit-zero');
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
