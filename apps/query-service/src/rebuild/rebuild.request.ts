import { VIEW_NAMES, type ViewName } from '../views/view.js';

/** What a rebuild may be asked for: one view by name, or all of them. */
export const REBUILD_TARGETS = [...VIEW_NAMES, 'all'] as const;

export class UnknownView extends Error {
  constructor(readonly view: string) {
    super(`view must be one of ${REBUILD_TARGETS.join(', ')}; got ${view}`);
  }
}

export const viewsToRebuild = (target: string): ViewName[] => {
  if (target === 'all') return [...VIEW_NAMES];
  if ((VIEW_NAMES as readonly string[]).includes(target)) return [target as ViewName];
  throw new UnknownView(target);
};
