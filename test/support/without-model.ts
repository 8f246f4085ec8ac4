import type { AuditReport } from '../../src/core/report/report';

/**
 * A model file's report as the in-process audit writes it: without `model`, and without `settings.sources`
 * (the file brings its own technique, penalty and split, so where the settings came from differs; the numbers do not).
 */
export function withoutModel(report: AuditReport): Omit<AuditReport, 'model'> {
  const { model: _model, ...rest } = report;
  const { sources: _sources, ...settings } = rest.settings;
  return { ...rest, settings };
}
