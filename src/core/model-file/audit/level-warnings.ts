import type { AuditDataset } from '../../data/dataset';
import { showCell } from '../../data/show-cell';
import { featureLevelsWithoutInput, type InputColumn } from '../input-columns';

/** An ONNX model's categorical inputs whose levels in the data it has no indicator for (input-columns.ts). */
export function levelWarnings(inputs: readonly InputColumn[], dataset: AuditDataset, testRows: Int32Array, modelPath: string): string[] {
  return featureLevelsWithoutInput(inputs, dataset, testRows).map(({ column, levels, inputs: own, cells }) => {
    const levelNames = levels.map((v) => showCell(`${column}=${v}`, 60)).join(', ');
    const inputNames = own.map((n) => showCell(n, 60)).join(', ');
    const one = cells === 1;
    return (
      `The model ${modelPath} has no input for the levels ${levelNames} of ${showCell(column)} (its inputs for it: ${inputNames}): ` +
      `${cells} test cell${one ? '' : 's'} hold${one ? 's' : ''} them and ${one ? 'is' : 'are'} fed as all zeros, a pattern the model may never have seen. ` +
      "Recode the column to the model's levels, or check that the model expects these."
    );
  });
}
