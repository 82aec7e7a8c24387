import { UnknownView, viewsToRebuild } from './rebuild.request.js';

describe('what a rebuild is asked for', () => {
  it('is one view by name', () => expect(viewsToRebuild('reservations')).toEqual(['reservations']));

  it('is every view for all', () =>
    expect(viewsToRebuild('all')).toEqual(['availability', 'reservations', 'seat-sales']));

  it('names the views there are when asked for another', () =>
    expect(() => viewsToRebuild('prices')).toThrow(new UnknownView('prices')));
});
