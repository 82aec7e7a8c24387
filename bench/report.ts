import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { packageRoot } from '#libs/config';
import type { Measurement } from './support.js';

const command = (file: string, args: string[]): string => {
  try {
    return execFileSync(file, args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

const machine = (): string[] => [
  `- ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${command('git', ['rev-parse', '--short', 'HEAD'])}`,
  `- ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `- Node ${process.version}, ${command('psql', ['--version'])}`,
];

const row = ({ name, value, ratio, target, met }: Measurement): string =>
  `| ${name} | ${value} | ${ratio === undefined ? '' : `${ratio.toFixed(2)}×`} | ${target} | ${met ? 'met' : '**missed**'} |`;

/** Replaces the results section of docs/benchmarks.md, keeping the hand-written text around it. */
export const writeReport = async (results: readonly Measurement[]): Promise<void> => {
  const file = join(packageRoot(), 'docs/benchmarks.md');
  const [before = '', rest = ''] = readFileSync(file, 'utf8').split('<!-- results:start -->');
  const after = rest.split('<!-- results:end -->')[1] ?? '';
  const section = [
    '<!-- results:start -->',
    ...machine(),
    '',
    '| measurement | value | ratio | target | |',
    '| --- | --- | --- | --- | --- |',
    ...results.map(row),
    '<!-- results:end -->',
  ].join('\n');
  const text = `${before}${section}${after}`;
  writeFileSync(file, await format(text, { ...(await resolveConfig(file)), filepath: file }));
};
