/** A dense row-major matrix of doubles: element (i, j) is data[i * cols + j]. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function denseMatrix(rows: number, cols: number, data?: Float64Array): DenseMatrix {
  if (data && data.length !== rows * cols) {
    throw new RangeError(`denseMatrix: data holds ${data.length} values, expected ${rows} x ${cols}`);
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

/** The rows of `m` listed in `rowIndices`, copied, in that order. */
export function selectRows(m: DenseMatrix, rowIndices: ArrayLike<number>): DenseMatrix {
  const out = new Float64Array(rowIndices.length * m.cols);
  for (let r = 0; r < rowIndices.length; r++) {
    const from = rowIndices[r] * m.cols;
    out.set(m.data.subarray(from, from + m.cols), r * m.cols);
  }
  return { rows: rowIndices.length, cols: m.cols, data: out };
}
