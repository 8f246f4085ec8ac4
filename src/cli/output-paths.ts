// The checks live with the writer, shared by every front end that writes an output (src/files/output-file.ts).
export { checkOutputPaths } from '../files/output-file';
