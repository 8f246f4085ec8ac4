import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { loadDataset } from '../../../src/core/data/load-dataset';
import { featureLevelsWithoutInput, resolveInputColumns } from '../../../src/core/model-file/input-columns';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { onnxRuntimeWeb } from '../../../src/runtime/onnx-runtime';
import { fixture, heartPath, heartRequest, textFile } from './helpers';

const runtime = { onnx: onnxRuntimeWeb() };
const lrColumns: string[] = JSON.parse(readFileSync(fixture('heart-lr.model.json'), 'utf8')).features.map((f: { column: string }) => f.column).concat(['Sex=Female', 'Sex=Male', 'Age=Old', 'Age=Young']);

/** The heart data with a text column Site cycling through `sites`. */
function heartWithSite(sites: readonly string[]) {
  const [header, ...rows] = readFileSync(heartPath, 'utf8').trimEnd().split('\n');
  return textFile([`${header},Site`, ...rows.map((row, i) => `${row},${sites[i % sites.length]}`)].join('\n'), 'heart-site.csv');
}

/** heart-lr-sigmoid.onnx (no metadata) with its first two inputs named Site=A and Site=B. */
const siteColumns = ['Site=A', 'Site=B', ...lrColumns.slice(2)];
const audit = (sites: readonly string[]) =>
  auditModelFile(heartRequest('heart-lr-sigmoid.onnx', { data: heartWithSite(sites), load: { label: 'Disease', groups: ['Sex', 'Age'] }, modelColumns: siteColumns, options: { bootstrap: 20 } }), runtime);
const aboutSite = (warnings: readonly string[]) => warnings.filter((w) => w.includes('of "Site"'));

describe('an ONNX model without inputs for levels of a categorical feature', () => {
  it('is named in a warning with the count of test cells fed as all zeros (they were not counted before)', async () => {
    const report = await audit(['A', 'B', 'C', 'D']);
    const testCells = report.groups.reduce((sum, g) => sum + g.nTest, 0);
    const [warning, ...rest] = aboutSite(report.warnings);
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^The model test\/fixtures\/models\/heart-lr-sigmoid\.onnx has no input for the levels "Site=C", "Site=D" of "Site" \(its inputs for it: "Site=A", "Site=B"\): (\d+) test cells hold them and are fed as all zeros/);
    const cells = Number(/: (\d+) test cells/.exec(warning)![1]);
    expect(cells).toBeGreaterThan(testCells / 4);
    expect(cells).toBeLessThan((testCells * 3) / 4);
  });

  it('not for a single level without an input beside levels with theirs (a dropped reference level)', async () => {
    expect(aboutSite((await audit(['A', 'B', 'C'])).warnings)).toEqual([]);
  });

  it('featureLevelsWithoutInput counts the given rows, and reads an empty cell as the level "missing"', () => {
    const dataset = loadDataset(parseCsv('y,g,site\n1,a,A\n0,a,B\n1,b,\n0,b,C\n1,a,C'), { label: 'y', groups: ['g'] });
    const inputs = resolveInputColumns(['site=A'], ['y', 'g', 'site'], 'm');
    expect(featureLevelsWithoutInput(inputs, dataset, Int32Array.of(0, 2, 3))).toEqual([{ column: 'site', levels: ['B', 'C', 'missing'], inputs: ['site=A'], cells: 2 }]);
    expect(featureLevelsWithoutInput(resolveInputColumns(['site=A', 'site=B', 'site=missing'], ['site'], 'm'), dataset, Int32Array.of(0, 1, 2, 3, 4))).toEqual([]);
  });
});
