import { chmodSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputFile, readInputFileSync } from '../../src/files/input-file';
import { writeOutputFile } from '../../src/files/output-file';
import { isInsideFolders } from '../../src/files/spec-paths';

const work = mkdtempSync(join(tmpdir(), 'fairuse-files-'));

describe('readInputFile (shared by the CLI, the worker and the extension)', () => {
  it('refuses a character device before reading, sync and async alike', async () => {
    expect(() => readInputFileSync('/dev/zero', 'CSV file')).toThrow(expect.objectContaining({ code: 'NOT_A_FILE' }));
    await expect(readInputFile('/dev/zero', 'CSV file')).rejects.toThrow(expect.objectContaining({ code: 'NOT_A_FILE' }));
  });

  it('refuses a file over a quarter of an (injected) memory limit by its size', () => {
    const path = join(work, 'kb.csv');
    writeFileSync(path, 'x'.repeat(2000));
    expect(() => readInputFileSync(path, 'CSV file', { heapBytes: 4096 })).toThrow(
      `The CSV file '${path}' has 2.0 KB, more than the 1.0 KB this process can read (a quarter of its 4.0 KB memory limit). Give node more memory (NODE_OPTIONS=--max-old-space-size=1), or a smaller file.`,
    );
    expect(readInputFileSync(path, 'CSV file', { heapBytes: 8000 })).toHaveLength(2000);
  });
});

describe('writeOutputFile', () => {
  it('replaces the whole file, keeps its permissions, and breaks a hard link instead of writing through it', () => {
    const out = join(work, 'report.json');
    const other = join(work, 'other-name.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    linkSync(out, other);
    writeOutputFile(out, 'new');
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(readFileSync(other, 'utf8')).toBe('old');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('on a failed rename leaves no temporary file and the target as it was', () => {
    const folder = join(work, 'fail');
    mkdirSync(folder);
    mkdirSync(join(folder, 'target.json'));
    expect(() => writeOutputFile(join(folder, 'target.json'), 'x')).toThrow(/^Cannot write '.*target\.json': E/);
    expect(readdirSync(folder)).toEqual(['target.json']);
    expect(statSync(join(folder, 'target.json')).isDirectory()).toBe(true);
  });
});

describe('isInsideFolders (where a spec may read, CLI and editor alike)', () => {
  it('follows links and .., so neither leaves the folder unseen', () => {
    const folder = join(work, 'project');
    mkdirSync(join(folder, 'data'), { recursive: true });
    writeFileSync(join(folder, 'data', 'a.csv'), 'a\n');
    symlinkSync('/etc/passwd', join(folder, 'data', 'p.csv'));
    expect(isInsideFolders(join(folder, 'data', 'a.csv'), [folder])).toBe(true);
    expect(isInsideFolders(join(folder, 'data', '..', '..', 'kb.csv'), [folder])).toBe(false);
    expect(isInsideFolders(join(folder, 'data', 'p.csv'), [folder])).toBe(false);
    expect(isInsideFolders('/etc/passwd', [folder, '/etc'])).toBe(true);
  });
});
