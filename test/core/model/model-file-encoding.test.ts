import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { fixture, heartPath } from './helpers';

// Model-file audits decode their CSVs as strictly as the engine's own audits: Latin-1 is refused, not garbled.
describe('a model-file audit of a CSV that is not UTF-8', () => {
  it('is refused with NOT_UTF8, naming the file', async () => {
    const heart = readFileSync(heartPath, 'latin1').replace('Sex', 'S\u00e9x');
    const data = { bytes: new Uint8Array(Buffer.from(heart, 'latin1')), path: 'heart-latin1.csv' };
    const model = { bytes: new Uint8Array(readFileSync(fixture('heart-lr.model.json'))), path: 'heart-lr.model.json' };
    await expect(auditModelFile({ data, model, load: {}, options: { bootstrap: 10 } })).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_UTF8', message: expect.stringContaining('heart-latin1.csv') }),
    );
  });
});
