import { Routes } from '@angular/router';
import { LabShellPage } from './lab-shell.page';
import { LabStoryPage } from './lab-story.page';
import type { Gate } from './lab-shell.page';

/** Parts of a lab for its team only, or for everyone taking part: the frame shows the gate instead to anyone else. */
const team = (what: Gate['what']): Gate => ({ need: 'team', what });
const member = (what: Gate['what']): Gate => ({ need: 'member', what });

/** A lab's pages: the frame and the story (what a link to a lab opens) in this download, the rest lazily. */
export const LAB_ROUTES: Routes = [
  {
    path: '',
    component: LabShellPage,
    children: [
      { path: '', component: LabStoryPage },
      { path: 'experimenten', loadComponent: () => import('./lab-experiments.page').then((m) => m.LabExperimentsPage) },
      { path: 'hypothesen', loadComponent: () => import('./lab-hypotheses.page').then((m) => m.LabHypothesesPage) },
      {
        path: 'waarnemingen',
        loadComponent: () => import('./lab-observations.page').then((m) => m.LabObservationsPage),
      },
      {
        path: 'deelnemers',
        data: { gate: team('participants') },
        loadComponent: () => import('./lab-participants.page').then((m) => m.LabParticipantsPage),
      },
      {
        path: 'leden',
        data: { gate: team('members') },
        loadComponent: () => import('./lab-members.page').then((m) => m.LabMembersPage),
      },
      { path: 'gegevens', loadComponent: () => import('./lab-data.page').then((m) => m.LabDataPage) },
      {
        path: 'geschiedenis',
        data: { gate: team('history') },
        loadComponent: () => import('./lab-history.page').then((m) => m.LabHistoryPage),
      },
      {
        path: 'tafels',
        loadComponent: () => import('../dialogues/dialogues.page').then((m) => m.DialoguesPage),
      },
      {
        path: 'tafels/:dialogueId',
        loadComponent: () => import('../dialogues/dialogue-facilitator.page').then((m) => m.DialogueFacilitatorPage),
      },
      {
        path: 'samenvatting',
        data: { gate: team('summary') },
        loadComponent: () => import('../summaries/lab-summary.page').then((m) => m.LabSummaryPage),
      },
      { path: 'over', loadComponent: () => import('./lab-about.page').then((m) => m.LabAboutPage) },
      { path: 'lessen', loadComponent: () => import('./lab-learnings.page').then((m) => m.LabLearningsPage) },
      {
        path: 'rondes',
        data: { gate: member('rounds') },
        loadComponent: () => import('../evaluations/rounds.page').then((m) => m.RoundsPage),
      },
      {
        path: 'rondes/:roundId',
        data: { gate: member('round') },
        loadComponent: () => import('../evaluations/round.page').then((m) => m.RoundPage),
      },
      {
        path: 'rondes/:roundId/resultaten',
        data: { gate: member('round') },
        loadComponent: () => import('../evaluations/round-results.page').then((m) => m.RoundResultsPage),
      },
    ],
  },
];
