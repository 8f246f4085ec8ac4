import { AuditCancelledError } from '../core/audit/audit';
import { isAuditInputError } from '../core/errors';
import { showControl } from '../core/report/render/control-chars';

/** A failure line is cut here; --verbose prints it whole (issue 14, finding 9). */
export const MAX_FAILURE_LENGTH = 400;

/**
 * The one line the CLI prints for a failure (after `fairuse: `): never a stack trace, never more than one line,
 * control characters from the data shown as `\u001b`. With `verbose`, the whole message, and for an internal
 * error its stack, follow on stderr.
 *
 * @returns the line, and the detail that --verbose adds (undefined when there is none)
 */
export function describeFailure(error: unknown): { line: string; detail?: string } {
  const full = fullMessage(error);
  const oneLine = showControl(full.replace(/\s*\r?\n\s*/g, ' '));
  const cut = oneLine.length > MAX_FAILURE_LENGTH ? `${oneLine.slice(0, MAX_FAILURE_LENGTH - 1)}… (--verbose shows the whole message)` : oneLine;
  const stack = !isAuditInputError(error) && !(error instanceof AuditCancelledError) && error instanceof Error ? error.stack : undefined;
  const detail = [full.includes('\n') || oneLine !== cut ? full : undefined, stack].filter((d) => d !== undefined).map((d) => showControl(d!).replace(/\\u000a/g, '\n'));
  return { line: cut, detail: detail.length ? detail.join('\n') : undefined };
}

function fullMessage(error: unknown): string {
  if (isAuditInputError(error)) return error.message;
  if (error instanceof AuditCancelledError) return error.message;
  if (error instanceof RangeError && /allocation failed|invalid (array|string|typed array) length|out of memory|maximum call stack/i.test(error.message)) {
    return `Out of memory (${error.message}). Give node more memory (NODE_OPTIONS=--max-old-space-size=8192, in MB), or audit fewer rows, groups or bootstrap resamples.`;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `internal error: ${message} (run with --verbose or FAIRUSE_DEBUG=1 for details and report it).`;
}
