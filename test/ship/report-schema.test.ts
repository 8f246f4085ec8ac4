import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../core/report/report-fixture';
import { reportSchemaErrors } from '../support/report-schema';

// The reports the CLI writes (classification, regression, engine JSON, ONNX, predictions file, new data,
// interventions) are validated where the CLI tests write them (test/cli/*.test.ts). Here: the schema itself.
const root = resolve(__dirname, '../..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/report.schema.json'), 'utf8'));
const valid = () => JSON.parse(JSON.stringify(fixtureReport()));

describe('schemas/report.schema.json', () => {
  it('is JSON Schema 2020-12 and pins schemaVersion 1, the version the engine writes', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.schemaVersion).toEqual(expect.objectContaining({ const: 1 }));
    expect(fixtureReport().schemaVersion).toBe(1);
  });

  it('accepts the report fixture the renderer tests use', () => {
    expect(reportSchemaErrors(valid())).toEqual([]);
  });

  const broken: Array<[string, (r: any) => void, RegExp]> = [
    ['another schemaVersion', (r) => { r.schemaVersion = 2; }, /^\/schemaVersion must be equal to constant/],
    ['no schemaVersion', (r) => { delete r.schemaVersion; }, /must have required property 'schemaVersion'/],
    ['a field the schema does not name', (r) => { r.dataset.rowCount = 303; }, /^\/dataset must NOT have additional properties \(rowCount\)/],
    ['an unknown verdict', (r) => { r.metrics.error.rationality[0].verdict = 'harm'; }, /^\/metrics\/error\/rationality\/0\/verdict must be equal to one of the allowed values/],
    ['an extra field in a row', (r) => { r.metrics.error.envy[0].note = 'x'; }, /^\/metrics\/error\/envy\/0 must NOT have unevaluated properties \(note\)/],
    ['an interval of three numbers', (r) => { r.metrics.error.rationality[0].ci = [0, 0.1, 0.2]; }, /^\/metrics\/error\/rationality\/0\/ci /],
    ['an unknown metric', (r) => { r.metrics.f1 = r.metrics.error; }, /^\/metrics must be equal to one of the allowed values/],
    ['a p-value above 1', (r) => { r.metrics.error.rationality[0].pHarm = 1.5; }, /pHarm must be <= 1/],
    ['a data hash that is not SHA-256', (r) => { r.dataset.sha256 = 'abc'; }, /^\/dataset\/sha256 must match pattern/],
    ['C as an unknown string', (r) => { r.settings.C = 'none'; }, /^\/settings\/C /],
  ];
  for (const [name, breakIt, message] of broken) {
    it(`refuses ${name}`, () => {
      const report = valid();
      breakIt(report);
      const errors = reportSchemaErrors(report);
      expect(errors.some((e) => message.test(e)), errors.join('\n')).toBe(true);
    });
  }
});
