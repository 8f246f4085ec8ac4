/**
 * Writing an output (report JSON / Markdown, model file, predictions file) so that it never replaces an input and
 * never leaves half a file (issue 14). Inputs and outputs are compared as files, by device and inode, so a symbolic
 * or hard link to the data is caught as surely as the data's own path; every output is written to a temporary file
 * in its folder and renamed over the target, so a failed or killed run leaves the old file or the whole new one.
 */
import { accessSync, constants, lstatSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { AuditInputError } from '../core/errors';

/** A file's identity: the same for every path (symbolic or hard link) that reaches it. */
function identity(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

/** Where a path that may not exist yet would be: its folder's real path and its name. */
function placeOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/**
 * Checks, before any input is read, that every output can be written and none would overwrite an input or another
 * output: `--json data.csv`, or `--json out.json` where out.json is a link to the data, is refused. `-` (stdout) may
 * be taken by one output only.
 *
 * @param outputs flag name → path given (undefined when not asked for)
 * @param inputs what each input is → its path
 * @throws AuditInputError USAGE for a clash, BAD_OPTION for an output that cannot be written
 */
export function checkOutputPaths(outputs: Readonly<Record<string, string | undefined>>, inputs: Readonly<Record<string, string | undefined>>): void {
  const taken = new Map<string, { what: string; path: string }>();
  const claim = (key: string | undefined, what: string, path: string) => key !== undefined && !taken.has(key) && taken.set(key, { what, path });
  for (const [what, path] of Object.entries(inputs)) {
    if (path === undefined) continue;
    claim(identity(path), what, path);
    claim(placeOf(path), what, path);
  }
  let stdout: string | undefined;
  for (const [flag, path] of Object.entries(outputs)) {
    if (path === undefined) continue;
    if (path === '-') {
      if (stdout) throw new AuditInputError('USAGE', `Both ${stdout} and ${flag} write to standard output (-), which would mix them.`, 'Send at most one of them to -, and the other to a file.');
      stdout = flag;
      continue;
    }
    const keys = [identity(path), placeOf(path)];
    const clash = keys.map((key) => (key === undefined ? undefined : taken.get(key))).find((owner) => owner !== undefined);
    if (clash) {
      const link = resolve(clash.path) !== resolve(path) && isLink(path) ? ' (it is a link to it)' : '';
      throw new AuditInputError('USAGE', `${flag} ${path} would overwrite the ${clash.what}${link}.`, 'Write it to another file.');
    }
    checkWritable(flag, path);
    for (const key of keys) claim(key, `output of ${flag}`, path);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() || statSync(path).nlink > 1;
  } catch {
    return false;
  }
}

/** An output is a regular file or a new name, in a folder that exists and may be written to. */
function checkWritable(flag: string, path: string): void {
  let existing;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined;
  }
  if (existing === undefined && isDanglingLink(path)) {
    throw new AuditInputError('BAD_OPTION', `${flag} ${path} is a symbolic link to a file that does not exist.`, 'Write the output to a plain path.');
  }
  if (existing !== undefined && !existing.isFile()) {
    throw new AuditInputError('BAD_OPTION', `${flag} ${path} is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}.`, `Give a file name${existing.isDirectory() ? ' inside it' : ', or - for standard output'}.`);
  }
  const folder = dirname(placeOf(path));
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AuditInputError('BAD_OPTION', `Cannot write ${flag} ${path}: ${code === 'ENOENT' ? 'its folder does not exist' : `its folder cannot be written to (${code ?? 'unknown error'})`}.`, 'Choose a path in a folder that exists and that you can write to.');
  }
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Writes `content` to `path` whole or not at all: into a temporary file beside the target (same folder, so the
 * rename cannot cross file systems), then renamed over it. A link is followed: its target is replaced.
 *
 * @throws AuditInputError BAD_OPTION naming the path and the system's error code
 */
export function writeOutputFile(path: string, content: string | Uint8Array): void {
  const target = placeOf(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o666;
  try {
    mode = statSync(target).mode & 0o777; // a replaced file keeps its permissions (a private report stays private)
  } catch {
    // a new file
  }
  try {
    // wx: never reuse a file that is already there (someone else's, or a link planted under the name).
    writeFileSync(temporary, content, { flag: 'wx', mode });
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    throw new AuditInputError('BAD_OPTION', `Cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, 'Choose a path in a folder that exists and that you can write to.');
  }
}
