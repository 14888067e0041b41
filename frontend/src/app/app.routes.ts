import { HomePage } from './features/home/home.page';
import { Routes } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';

/** Dutch paths (the default language); every feature loads lazily. */
export const routes: Routes = [
  // The home page is part of the first download: it is where most visits start.
  { path: '', component: HomePage, title: 'Proeftuin' },
  { path: 'labs', loadComponent: () => import('./features/labs/labs-list.page').then((m) => m.LabsListPage) },
  { path: 'labs/nieuw', canActivate: [authGuard], loadComponent: () => import('./features/labs/lab-form.page').then((m) => m.LabFormPage) },
  {
    path: 'labs/:labId',
    loadComponent: () => import('./features/labs/lab-shell.page').then((m) => m.LabShellPage),
    children: [
      { path: '', loadComponent: () => import('./features/labs/lab-story.page').then((m) => m.LabStoryPage) },
      { path: 'experimenten', loadComponent: () => import('./features/labs/lab-experiments.page').then((m) => m.LabExperimentsPage) },
      { path: 'hypothesen', loadComponent: () => import('./features/labs/lab-hypotheses.page').then((m) => m.LabHypothesesPage) },
      { path: 'waarnemingen', loadComponent: () => import('./features/labs/lab-observations.page').then((m) => m.LabObservationsPage) },
      { path: 'deelnemers', loadComponent: () => import('./features/labs/lab-participants.page').then((m) => m.LabParticipantsPage) },
      { path: 'gegevens', loadComponent: () => import('./features/labs/lab-data.page').then((m) => m.LabDataPage) },
      { path: 'geschiedenis', loadComponent: () => import('./features/labs/lab-history.page').then((m) => m.LabHistoryPage) },
      { path: 'over', loadComponent: () => import('./features/labs/lab-about.page').then((m) => m.LabAboutPage) },
      { path: 'lessen', loadComponent: () => import('./features/labs/lab-learnings.page').then((m) => m.LabLearningsPage) },
      { path: 'rondes', loadComponent: () => import('./features/evaluations/rounds.page').then((m) => m.RoundsPage) },
      { path: 'rondes/:roundId', loadComponent: () => import('./features/evaluations/round.page').then((m) => m.RoundPage) },
      { path: 'rondes/:roundId/resultaten', loadComponent: () => import('./features/evaluations/round-results.page').then((m) => m.RoundResultsPage) },
    ],
  },
  { path: 'bibliotheek', loadComponent: () => import('./features/library/library.page').then((m) => m.LibraryPage) },
  { path: 'bibliotheek/les/:learningId', loadComponent: () => import('./features/library/learning.page').then((m) => m.LearningPage) },
  { path: 'bibliotheek/thema/:theme', loadComponent: () => import('./features/library/theme.page').then((m) => m.ThemePage) },
  { path: 'inloggen', loadComponent: () => import('./features/login/login.page').then((m) => m.LoginPage) },
  { path: 'uitnodiging/:token', loadComponent: () => import('./features/invitation/invitation.page').then((m) => m.InvitationPage) },
  { path: 'mijn-labs', canActivate: [authGuard], loadComponent: () => import('./features/labs/labs-list.page').then((m) => m.LabsListPage), data: { mine: true } },
  { path: 'toegankelijkheid', loadComponent: () => import('./features/accessibility/accessibility.page').then((m) => m.AccessibilityPage) },
  { path: '**', loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage) },
];
