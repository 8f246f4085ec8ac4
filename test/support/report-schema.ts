// Validates an audit report against the shipped schemas/report.schema.json (JSON Schema 2020-12), with ajv in
// strict mode, so a field the writer adds without the schema, or a schema that does not compile, fails the test.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const schemaPath = join(resolve(__dirname, '../..'), 'schemas/report.schema.json');

let validate: ReturnType<Ajv2020['compile']> | undefined;

function validator(): ReturnType<Ajv2020['compile']> {
  if (!validate) {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  }
  return validate;
}

/** The schema's complaints about `report`, one line each ("/metrics/error/envy/0/gain must be number,null"); empty when it validates. */
export function reportSchemaErrors(report: unknown): string[] {
  const check = validator();
  if (check(report)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : ''}`);
}

/** Reads a report file written by the CLI and returns its schema errors. */
export function reportFileSchemaErrors(path: string): string[] {
  return reportSchemaErrors(JSON.parse(readFileSync(path, 'utf8')));
}
