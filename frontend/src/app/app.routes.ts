import { Routes } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';

/** Dutch paths (the default language); every feature loads lazily. */
export const routes: Routes = [
  { path: '', loadComponent: () => import('./features/home/home.page').then((m) => m.HomePage), title: 'Proeftuin' },
  { path: 'labs', loadComponent: () => import('./features/labs/labs-list.page').then((m) => m.LabsListPage) },
  { path: 'labs/:labId', loadComponent: () => import('./features/labs/lab-overview.page').then((m) => m.LabOverviewPage) },
  { path: 'inloggen', loadComponent: () => import('./features/login/login.page').then((m) => m.LoginPage) },
  { path: 'uitnodiging/:token', loadComponent: () => import('./features/invitation/invitation.page').then((m) => m.InvitationPage) },
  { path: 'mijn-labs', canActivate: [authGuard], loadComponent: () => import('./features/labs/labs-list.page').then((m) => m.LabsListPage), data: { mine: true } },
  { path: 'toegankelijkheid', loadComponent: () => import('./features/accessibility/accessibility.page').then((m) => m.AccessibilityPage) },
  { path: '**', loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage) },
];
