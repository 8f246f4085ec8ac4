#!/usr/bin/env node
'use strict';
// The CLI is bundled into dist/ by `npm run build` (run automatically by `npm ci` / `npm install`).
try {
  require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('fairuse: the CLI is not built yet. Run `npm run build` in the project folder.\n');
    process.exit(2);
  }
  throw error;
}
