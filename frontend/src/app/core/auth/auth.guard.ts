import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth.store';

/** Pages that need a login send a visitor to the login page and back afterwards. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await auth.ready();
  return auth.loggedIn() ? true : router.createUrlTree(['/inloggen'], { queryParams: { terug: state.url } });
};

/** The administration pages: administrators only. Others are sent to log in, or home if they are logged in already. */
export const adminGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await auth.ready();
  if (!auth.loggedIn()) return router.createUrlTree(['/inloggen'], { queryParams: { terug: state.url } });
  return auth.isAdmin() ? true : router.createUrlTree(['/']);
};
