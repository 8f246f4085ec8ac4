/** The report panel's title. Pure: no `vscode`. */
import type { ReportEntry } from '../protocol/webview-protocol';

/** "Fair Use report: heart.csv", with the spec's name when it is not the data's own (heart.onnx.fairuse.json). */
export function panelTitle(entry: ReportEntry | undefined): string {
  if (!entry) return 'Fair Use report';
  const path = entry.dataPath ?? entry.report.dataset.path;
  const data = path.split(/[\\/]/).pop() || path;
  const spec = entry.specPath?.split(/[\\/]/).pop();
  const ownSpec = `${data.replace(/\.csv$/i, '')}.fairuse.json`;
  return spec && spec !== ownSpec ? `Fair Use report: ${data} (${spec})` : `Fair Use report: ${data}`;
}
