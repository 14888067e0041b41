import { Routes } from '@angular/router';
import { AdminAccountsPage } from './admin-accounts.page';
import { AdminShellPage } from './admin-shell.page';

/** Administration (admins only, guarded where it is mounted): accounts open first, the rest lazily. */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminShellPage,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'accounts' },
      { path: 'accounts', component: AdminAccountsPage },
      {
        path: 'organisaties',
        loadComponent: () => import('./admin-organisations.page').then((m) => m.AdminOrganisationsPage),
      },
      { path: 'geschiedenis', loadComponent: () => import('./admin-history.page').then((m) => m.AdminHistoryPage) },
    ],
  },
];
