import { describeProgress } from './progress.js';

describe('the replay progress line', () => {
  it('shows events done of all, the rate and what is left at that rate', () =>
    expect(describeProgress({ phase: 'rebuilding', processed: 250_000, total: 1_000_000, rate: 50_000 }, false)).toBe(
      'rebuilding 250,000/1,000,000 events (25%), 50,000 events/s, ETA 15s',
    ));

  it('draws a bar on a terminal and counts minutes past one', () =>
    expect(describeProgress({ phase: 'catching-up', processed: 100, total: 10_000, rate: 1 }, true)).toBe(
      '[------------------------------] catching-up 100/10,000 events (1%), 1 events/s, ETA 165m00s',
    ));

  it('is full when nothing is left', () =>
    expect(describeProgress({ phase: 'switching', processed: 0, total: 0, rate: 0 }, true)).toMatch(
      /^\[#{30}\] switching 0\/0 events \(100%\), 0 events\/s, ETA 0s$/,
    ));
});
