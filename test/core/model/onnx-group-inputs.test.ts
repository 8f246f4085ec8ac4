import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { levelsWithoutInput, requireGroupInputs, resolveInputColumns } from '../../../src/core/model-file/input-columns';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { onnxRuntimeWeb } from '../../../src/runtime/onnx-runtime';
import { heartPath, heartRequest, textFile } from './helpers';

const runtime = { onnx: onnxRuntimeWeb() };

/** The heart data with Sex written F / M instead of Female / Male. */
function heartWithSex(female: string, male: string): { bytes: Uint8Array; path: string } {
  const [header, ...rows] = readFileSync(heartPath, 'utf8').trimEnd().split('\n');
  const recoded = rows.map((row) => row.replace(/^(\d),Female,/, `$1,${female},`).replace(/^(\d),Male,/, `$1,${male},`));
  return textFile([header, ...recoded].join('\n'), 'heart-fm.csv');
}

describe('an ONNX model whose group inputs do not name the data\'s group values', () => {
  it('is refused, as the engine model file is, instead of feeding 0 to every Sex input (envy gains all 0)', async () => {
    const data = heartWithSex('F', 'M');
    const onnx = auditModelFile(heartRequest('heart-lr.onnx', { data }), runtime);
    await expect(onnx).rejects.toThrow(
      expect.objectContaining({
        code: 'BAD_OPTION',
        message: expect.stringMatching(/has no input for the group values "Sex=F", "Sex=M" \(its inputs for "Sex": "Sex=Female", "Sex=Male"\)/),
      }),
    );
    await expect(auditModelFile(heartRequest('heart-lr.model.json', { data }), runtime)).rejects.toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining('no group column for the group') }));
  });

  it('is refused when the model drops a reference level but none of the data\'s values is its other level', async () => {
    // heart-trees.onnx takes Sex=Male only (Female is its reference level): F and M reach it through nothing.
    await expect(auditModelFile(heartRequest('heart-trees.onnx', { data: heartWithSex('F', 'M'), load: { label: 'Disease' } }), runtime)).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining('"Sex=F", "Sex=M" (its inputs for "Sex": "Sex=Male")') }),
    );
  });

  it('accepts one value without an input, the dropped reference level, beside values that have theirs', async () => {
    const report = await auditModelFile(heartRequest('heart-trees.onnx', { data: heartWithSex('Woman', 'Male'), load: { label: 'Disease' }, options: { bootstrap: 20 } }), runtime);
    expect(report.groups.map((g) => g.id)).toContain('Sex=Woman, Age=Old');
  });
});

describe('requireGroupInputs', () => {
  const inputs = resolveInputColumns(['age', 'Sex=Female', 'Sex=Male', 'Site'], ['age', 'Sex', 'Site'], 'm');
  const check = (sex: string[], site: string[] = ['1', '2']) => () => requireGroupInputs(inputs, ['Sex', 'Site'], (a) => (a === 0 ? sex : site), 'm');

  it('lists the values of an indicator-coded column that have no indicator', () => {
    expect(levelsWithoutInput(inputs, 'Sex', ['M', 'Female', 'F', 'F'])).toEqual(['F', 'M']);
    expect(levelsWithoutInput(inputs, 'Site', ['1', '3'])).toBeNull();
    expect(levelsWithoutInput(inputs, 'other', ['x'])).toBeNull();
  });

  it('passes every value with its input, and one without beside others (a reference level)', () => {
    expect(check(['Female', 'Male'])).not.toThrow();
    expect(check(['Male'])).not.toThrow();
    expect(check(['Female', 'Male', 'Other'])).not.toThrow();
  });

  it('refuses two values without an input, or a single value that has none', () => {
    expect(check(['Female', 'Male', 'Other', 'Unknown'])).toThrow(/no input for the group values "Sex=Other", "Sex=Unknown"/);
    expect(check(['F'])).toThrow(/no input for the group value "Sex=F" \(its inputs for "Sex": "Sex=Female", "Sex=Male"\), so it cannot score rows as that group/);
  });
});
