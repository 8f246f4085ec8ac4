import { AuditCancelledError, type AuditHooks, type AuditProgress } from '../../audit/audit';

/** Reports a stage to the hooks, after checking for a cancel: each stage is a point where the audit may stop. */
export function progressOf(hooks: AuditHooks): (progress: AuditProgress) => void {
  return (p) => {
    if (hooks.isCancelled?.()) throw new AuditCancelledError();
    hooks.onProgress?.(p);
  };
}
