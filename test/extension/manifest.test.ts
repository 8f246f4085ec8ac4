import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEC_FIELDS } from '../../src/core/audit/audit-spec';
import { DATA_FILE } from '../../src/extension/data-files';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const source = (path: string) => readFileSync(join(root, path), 'utf8');

describe('package.json contributions', () => {
  it('registers in code exactly the commands it contributes', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...source('src/extension/commands.ts').matchAll(/register\('(fairUse\.[A-Za-z]+)'/g)].map((m) => m[1]).sort();
    expect(registered).toEqual(contributed);
    for (const id of ['fairUse.auditDataset', 'fairUse.runAudit', 'fairUse.showReport', 'fairUse.exportReport', 'fairUse.clearResults', 'fairUse.cancelAudit']) {
      expect(contributed).toContain(id);
    }
  });

  it('activates only on its commands, spec files and the panel serializer, never on *', () => {
    expect(manifest.activationEvents).not.toContain('*');
    expect(manifest.activationEvents).toEqual(['workspaceContains:**/*.fairuse.json', 'onWebviewPanel:fairUse.report']);
  });

  it('declares every setting the extension reads', () => {
    const read = [...source('src/extension/settings.ts').matchAll(/(?:config\.get|chosen)<[^>]+>\('([A-Za-z]+)'/g)].map((m) => `fairUse.${m[1]}`).sort();
    expect(read).toEqual(Object.keys(manifest.contributes.configuration.properties).sort());
  });

  it('offers Audit Dataset… in the Explorer on exactly the data files the command reads: CSV and Parquet', () => {
    const entry = manifest.contributes.menus['explorer/context'].find((m: { command: string }) => m.command === 'fairUse.auditDataset');
    const clauses = (entry.when as string).split('||').map((clause) => clause.trim());
    const extensions = clauses.map((clause) => /^resourceExtname == (\.[a-z]+)$/.exec(clause)?.[1]);
    expect(extensions).toEqual(['.csv', '.parquet']);
    for (const extension of extensions) expect(DATA_FILE.test(`data${extension}`)).toBe(true);
    for (const other of ['.json', '.onnx', '.txt']) expect(DATA_FILE.test(`data${other}`)).toBe(false);
  });

  it('validates *.fairuse.json with a schema whose fields are the engine\'s', () => {
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: '*.fairuse.json', url: './schemas/fairuse.schema.json' }]);
    const schema = JSON.parse(source('schemas/fairuse.schema.json'));
    expect(Object.keys(schema.properties).sort()).toEqual([...SPEC_FIELDS].sort());
    expect(schema.additionalProperties).toBe(false);
  });
});
