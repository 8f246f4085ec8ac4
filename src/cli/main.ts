import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { AuditCancelledError, runAudit } from '../core/audit';
import { parseCsv } from '../core/csv';
import { AuditInputError, isAuditInputError } from '../core/errors';
import { loadDataset } from '../core/load-dataset';
import { renderMarkdown } from '../core/render/markdown';
import { hasViolation } from '../core/report';
import { type AuditCommand, parseCommand, USAGE } from './args';
import { renderText } from './render-text';
import { stderrProgress } from './progress';

declare const FAIRUSE_VERSION: string;

/** The `fairuse` command line. Returns the exit status: 0 clean, 1 violation, 2 could not run. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.kind === 'version') {
      process.stdout.write(`${typeof FAIRUSE_VERSION === 'string' ? FAIRUSE_VERSION : 'dev'}\n`);
      return 0;
    }
    return await audit(command);
  } catch (error) {
    process.stderr.write(`fairuse: ${describeFailure(error)}\n`);
    return 2;
  }
}

async function audit(command: AuditCommand): Promise<number> {
  const text = readData(command.dataPath);
  const dataset = loadDataset(parseCsv(text), {
    label: command.label,
    groups: command.groups,
    features: command.features,
    splitColumn: command.splitColumn,
    positive: command.positive,
  });
  const progress = stderrProgress();
  const report = await runAudit(dataset, command.options, { path: command.dataPath }, { onProgress: progress.update });
  progress.done();

  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeOutput(command.jsonPath, json);
  writeOutput(command.markdownPath, renderMarkdown(report));
  const stdoutTaken = command.jsonPath === '-' || command.markdownPath === '-';
  if (!stdoutTaken) {
    const color = command.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
    process.stdout.write(command.quiet ? `${renderText(report, color).trimEnd().split('\n').pop()}\n` : renderText(report, color));
  }
  return hasViolation(report) ? 1 : 0;
}

function readData(path: string): string {
  if (!existsSync(path)) {
    throw new AuditInputError('FILE_NOT_FOUND', `No file at '${path}'.`, 'Check the path (it is relative to the current folder).');
  }
  if (statSync(path).isDirectory()) {
    throw new AuditInputError('FILE_NOT_FOUND', `'${path}' is a folder, not a CSV file.`, 'Give the path of a .csv file.');
  }
  return readFileSync(path, 'utf8');
}

function writeOutput(path: string | undefined, content: string): void {
  if (path === undefined) return;
  if (path === '-') {
    process.stdout.write(content);
    return;
  }
  try {
    writeFileSync(path, content);
  } catch (error) {
    throw new AuditInputError('BAD_OPTION', `Cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, 'Choose a path in a folder that exists and that you can write to.');
  }
}

/** One line, never a stack trace; unexpected errors say how to get the trace. */
function describeFailure(error: unknown): string {
  if (isAuditInputError(error)) return error.message;
  if (error instanceof AuditCancelledError) return error.message;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (process.env.FAIRUSE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return `internal error: ${message} (set FAIRUSE_DEBUG=1 for details and report it).`;
}
