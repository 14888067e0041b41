import { HomePage } from './features/home/home.page';
import { Routes } from '@angular/router';
import { adminGuard, authGuard } from './core/auth/auth.guard';

/** Dutch paths (the default language); every feature loads lazily. */
export const routes: Routes = [
  // The home page is part of the first download: it is where most visits start.
  { path: '', component: HomePage, title: 'Proeftuin' },
  { path: 'labs', loadComponent: () => import('./features/labs/labs-list.page').then((m) => m.LabsListPage) },
  {
    path: 'labs/nieuw',
    canActivate: [authGuard],
    loadComponent: () => import('./features/labs/lab-form.page').then((m) => m.LabFormPage),
  },
  // A lab's frame and its story page come in one download: they are what a link to a lab opens.
  { path: 'labs/:labId', loadChildren: () => import('./features/labs/lab.routes').then((m) => m.LAB_ROUTES) },
  { path: 'bibliotheek', loadComponent: () => import('./features/library/library.page').then((m) => m.LibraryPage) },
  {
    path: 'bibliotheek/les/:learningId',
    loadComponent: () => import('./features/library/learning.page').then((m) => m.LearningPage),
  },
  {
    path: 'bibliotheek/thema/:theme',
    loadComponent: () => import('./features/library/theme.page').then((m) => m.ThemePage),
  },
  { path: 'inloggen', loadComponent: () => import('./features/login/login.page').then((m) => m.LoginPage) },
  {
    path: 'uitnodiging/:token',
    loadComponent: () => import('./features/invitation/invitation.page').then((m) => m.InvitationPage),
  },
  // Live tables (tafels): a phone joins with the code, the projector shows the notes let through.
  {
    path: 'samenvatting/:id',
    loadComponent: () => import('./features/summaries/summary-snapshot.page').then((m) => m.SummarySnapshotPage),
  },
  { path: 'tafel', loadChildren: () => import('./features/dialogues/dialogue.routes').then((m) => m.DIALOGUE_ROUTES) },
  // Set-password and sign-in links (made by an administrator, a coordinator, or oneself).
  {
    path: 'toegang/:token',
    loadComponent: () => import('./features/access/access-link.page').then((m) => m.AccessLinkPage),
  },
  {
    path: 'account',
    canActivate: [authGuard],
    loadComponent: () => import('./features/account/account.page').then((m) => m.AccountPage),
  },
  {
    path: 'beheer',
    canActivate: [adminGuard],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'mijn-labs',
    canActivate: [authGuard],
    loadComponent: () => import('./features/labs/labs-list.page').then((m) => m.LabsListPage),
    data: { mine: true },
  },
  {
    path: 'toegankelijkheid',
    loadComponent: () => import('./features/accessibility/accessibility.page').then((m) => m.AccessibilityPage),
  },
  // Where every API problem's type points (/docs/problems#<code>).
  {
    path: 'docs/problems',
    loadComponent: () => import('./features/problems/problems.page').then((m) => m.ProblemsPage),
  },
  { path: '**', loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage) },
];
