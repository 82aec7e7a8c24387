import type { ReplayProgress } from '../../apps/query-service/src/tooling.js';

const WIDTH = 30;
const count = new Intl.NumberFormat('en');

const eta = ({ processed, total, rate }: ReplayProgress): string => {
  if (rate <= 0 || processed >= total) return '0s';
  const seconds = Math.ceil((total - processed) / rate);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
};

/** One line: phase, events done of all, events/s, ETA; with a bar on a terminal. */
export const describeProgress = (progress: ReplayProgress, bar: boolean): string => {
  const { phase, processed, total, rate } = progress;
  const share = total === 0 ? 1 : Math.min(processed / total, 1);
  const filled = Math.round(share * WIDTH);
  const drawn = bar ? `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ` : '';
  return `${drawn}${phase} ${count.format(processed)}/${count.format(total)} events (${Math.floor(share * 100)}%), ${count.format(Math.round(rate))} events/s, ETA ${eta(progress)}`;
};
