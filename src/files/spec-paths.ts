/**
 * Where an audit spec may send the audit to read (issue 14, finding 4). A spec is a file anyone can hand over
 * (in a repository, an e-mail), and its "data", "model" and "trainData" name files to read: they are resolved
 * relative to the spec and must stay inside the folders the reader trusts (the spec's own folder on the command
 * line, the workspace folders in the editor), links followed, so a spec cannot read /etc/shadow or ~/.ssh.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { showCell } from '../core/data/show-cell';
import { AuditInputError } from '../core/errors';

/** The path with every link resolved (as far as it exists), so a link inside a folder to a file outside is seen. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `path` (resolved, links followed) lies inside one of `folders` (links followed). */
export function isInsideFolders(path: string, folders: readonly string[]): boolean {
  const real = realPath(path);
  return folders.some((folder) => {
    const rel = relative(realPath(folder), real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

/**
 * A spec's path, resolved relative to the spec, refused when it leaves `folders`.
 *
 * @param specPath the spec as the user named it
 * @param key the spec's field ("data", "model", "trainData")
 * @param value the field's text
 * @param folders where the spec may read; on the command line, the spec's folder
 * @param override how to read the file anyway (the command line's flag)
 * @throws AuditInputError OUTSIDE_FOLDER naming the field, its value and the folder
 */
export function confinedSpecPath(specPath: string, key: string, value: string, folders: readonly string[], override: string): string {
  const path = resolve(specPath, '..', value);
  if (!isInsideFolders(path, folders)) {
    throw new AuditInputError(
      'OUTSIDE_FOLDER',
      `The audit spec '${specPath}' names "${key}": ${showCell(value, 80)}, which is outside ${folders.length === 1 ? `its folder '${folders[0]}'` : 'the folders it may read from'}; a spec reads only files in its own folder.`,
      `Move the file into the spec's folder, or ${override}.`,
    );
  }
  return path;
}
