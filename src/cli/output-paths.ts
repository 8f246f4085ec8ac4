import { resolve } from 'node:path';
import { AuditInputError } from '../core/errors';

/**
 * Checks, before any work, that no output would overwrite an input or another output: `--json data.csv`
 * must not replace the data. `-` (stdout) may be taken by one output only.
 *
 * @param outputs flag name → path given (undefined when not asked for)
 * @param inputs what each input is → its path
 */
export function checkOutputPaths(outputs: Readonly<Record<string, string | undefined>>, inputs: Readonly<Record<string, string | undefined>>): void {
  const seen = new Map<string, string>();
  for (const [what, path] of Object.entries(inputs)) if (path !== undefined) seen.set(resolve(path), what);
  let stdout: string | undefined;
  for (const [flag, path] of Object.entries(outputs)) {
    if (path === undefined) continue;
    if (path === '-') {
      if (stdout) throw new AuditInputError('USAGE', `Both ${stdout} and ${flag} write to standard output (-), which would mix them.`, 'Send at most one of them to -, and the other to a file.');
      stdout = flag;
      continue;
    }
    const taken = seen.get(resolve(path));
    if (taken) throw new AuditInputError('USAGE', `${flag} ${path} would overwrite the ${taken}.`, 'Write it to another file.');
    seen.set(resolve(path), `output of ${flag}`);
  }
}
