// Copies the walkthrough's pictures from the e2e run that takes them (test/e2e/walkthrough-ui.ts writes
// test/e2e/screenshots/walkthrough-media-<name>.jpg) to media/walkthrough/<name>.jpg, the files package.json's
// contributes.walkthroughs names. Run after `bash test/e2e/run.sh test/e2e/walkthrough-ui.ts`:
//   node scripts/walkthrough-media.mjs
// Fails, copying nothing, when a picture a step names is missing from the run.
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const targets = manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.image));
const shots = join(root, 'test/e2e/screenshots');
const pairs = targets.map((target) => [join(shots, `walkthrough-media-${basename(target)}`), join(root, target)]);
const missing = pairs.filter(([from]) => !existsSync(from)).map(([from]) => from);
if (missing.length > 0) {
  console.error(`walkthrough-media: missing ${missing.join(', ')}; run bash test/e2e/run.sh test/e2e/walkthrough-ui.ts first.`);
  process.exit(1);
}
for (const [from, to] of pairs) {
  copyFileSync(from, to);
  console.log(`${to.slice(root.length)} (${(statSync(to).size / 1024).toFixed(0)} KB)`);
}
