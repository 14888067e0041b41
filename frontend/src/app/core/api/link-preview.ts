import { effect, untracked } from '@angular/core';
import { Loadable } from './loadable';

/**
 * What a link's token opens (an invitation, a set-password or sign-in link), loaded again whenever the token in the
 * address changes. Call it in a page's constructor (it starts an effect); the page reads value, loading and error.
 */
export function linkPreview<T>(token: () => string, fetch: (token: string) => Promise<T>): Loadable<T | null> {
  const preview = new Loadable<T | null>(null);
  effect(() => {
    const current = token();
    untracked(() => void preview.load(() => fetch(current)));
  });
  return preview;
}
