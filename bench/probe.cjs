// Preloaded into a benchmarked briefpress process (node --require): at exit, writes that process's own peak RSS and
// CPU time (all its threads) to $BENCH_PROBE. Chromium runs in processes of its own, which are not counted. A
// CommonJS preload, so that the probe does not start Node's ES module loader before briefpress does (~10-20 ms).
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  const report = { maxRssMb: usage.maxRSS / 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
  if (process.env.BENCH_PROBE) writeFileSync(process.env.BENCH_PROBE, JSON.stringify(report));
});
