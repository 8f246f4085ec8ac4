// Preloaded into the CLI by `npm run bench` (node --require): reports the process's peak memory on exit, as
// ru_maxrss, on stderr's last line, so the bench measures the CLI exactly as a user runs it.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\nfairuse-bench peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
