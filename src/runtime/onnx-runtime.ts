/**
 * The ONNX runtime: onnxruntime-web's WebAssembly backend, in Node. One build for every platform (the .vsix stays
 * platform-neutral), nothing to compile or download at install: the bundles in dist/ load
 * `ort-wasm-simd-threaded.{mjs,wasm}` copied beside them by scripts/build.mjs, and the unbundled sources (tests)
 * load them from the installed package. Loaded on first use only, so audits without an ONNX model never pay for it.
 * Single-threaded: the audit runs in its own worker already, and threads would need more workers of their own.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuditInputError } from '../core/errors';
import { type OnnxRuntime, type OnnxSession, widthMismatch } from '../core/model-file/onnx-model';

type Ort = typeof import('onnxruntime-web');

let ortModule: Ort | undefined;

function loadOrt(): Ort {
  if (ortModule) return ortModule;
  // A require (not an import) so that esbuild bundles onnxruntime-web's CommonJS Node build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ort = require('onnxruntime-web') as Ort;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  if (existsSync(join(__dirname, 'ort-wasm-simd-threaded.wasm'))) ort.env.wasm.wasmPaths = `${__dirname}/`;
  ortModule = ort;
  return ort;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** onnxruntime-web, WASM backend. */
export function onnxRuntimeWeb(): OnnxRuntime {
  return {
    async load(bytes, inputName, outputName, source): Promise<OnnxSession> {
      const ort = loadOrt();
      let session: Awaited<ReturnType<Ort['InferenceSession']['create']>>;
      try {
        session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      } catch (error) {
        throw new AuditInputError('BAD_MODEL', `onnxruntime-web cannot load the ONNX model ${source}: ${firstLine(error)}.`, 'Check that the file is a complete ONNX model whose operators onnxruntime supports (opset ≤ 21, ai.onnx.ml included).');
      }
      return {
        async run(input, rows, cols) {
          const tensor = new ort.Tensor('float32', input, [rows, cols]);
          let result;
          try {
            result = await session.run({ [inputName]: tensor }, [outputName]);
          } catch (error) {
            const message = firstLine(error);
            const expected = /Expected:\s*(\d+)/.exec(message);
            if (/invalid dimensions/i.test(message) && expected) throw widthMismatch(source, Number(expected[1]), cols);
            throw new AuditInputError('BAD_MODEL', `onnxruntime-web failed to run the ONNX model ${source}: ${message}.`, 'Check that the model takes one float matrix [rows, columns] with the columns named for it.');
          } finally {
            tensor.dispose();
          }
          const output = result[outputName];
          const data = output.data as ArrayLike<number>;
          const out = { data: Float64Array.from(data), dims: output.dims.slice() };
          output.dispose();
          return out;
        },
      };
    },
  };
}
