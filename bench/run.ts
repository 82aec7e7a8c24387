import { appendBenchmarks } from './append.bench.js';
import { httpBenchmarks } from './http.bench.js';
import { loadBenchmarks } from './load.bench.js';
import { projectionBenchmarks } from './projection.bench.js';
import { readsBenchmarks } from './reads.bench.js';
import { relayBenchmarks } from './relay.bench.js';
import { replayBenchmarks } from './replay.bench.js';
import { writeReport } from './report.js';
import { log, type Measurement } from './support.js';

const SUITES: Record<string, () => Promise<Measurement[]>> = {
  append: appendBenchmarks,
  load: loadBenchmarks,
  http: httpBenchmarks,
  relay: relayBenchmarks,
  projection: projectionBenchmarks,
  reads: readsBenchmarks,
  replay: replayBenchmarks,
};

const [only] = process.argv.slice(2);
if (only === '--help' || (only !== undefined && !(only in SUITES))) {
  process.stdout.write(
    `Usage: npm run bench [-- <suite>]\n\nRuns every suite (${Object.keys(SUITES).join(', ')}), or one, against the native\n` +
      'stack, prints the results and, for a full run, rewrites the results section of docs/benchmarks.md.\n',
  );
  process.exit(only === '--help' ? 0 : 2);
}

const results: Measurement[] = [];
for (const [name, suite] of Object.entries(SUITES)) if (!only || only === name) results.push(...(await suite()));
for (const { name, value, ratio, target, met } of results) {
  log(
    `${met ? 'met   ' : 'MISSED'} ${name}: ${value}${ratio === undefined ? '' : ` (${ratio.toFixed(2)}×)`}; target ${target}`,
  );
}
if (!only) await writeReport(results);
