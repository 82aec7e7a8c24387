import { appendBenchmarks } from './append.bench.js';
import { httpBenchmarks } from './http.bench.js';
import { loadBenchmarks } from './load.bench.js';
import { log, type Measurement } from './support.js';

const only = process.argv[2];
const suites: Record<string, () => Promise<Measurement[]>> = {
  http: httpBenchmarks,
  load: loadBenchmarks,
  append: appendBenchmarks,
};
const results: Measurement[] = [];
for (const [name, suite] of Object.entries(suites)) if (!only || only === name) results.push(...(await suite()));
for (const { name, value, ratio, target, met } of results) {
  log(
    `${met ? 'MET ' : 'MISS'} ${name}: ${value}${ratio === undefined ? '' : ` (${ratio.toFixed(2)}×)`}, target ${target}`,
  );
}
