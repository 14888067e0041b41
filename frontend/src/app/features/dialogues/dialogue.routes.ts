import { Routes } from '@angular/router';

/**
 * /tafel (enter the code), /tafel/<code> (from the QR code), /tafel/<id>/scherm (the projector), /tafel/terug#<token>
 * (a phone's personal link back).
 */
export const DIALOGUE_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./dialogue-phone.page').then((m) => m.DialoguePhonePage) },
  {
    path: ':dialogueId/scherm',
    loadComponent: () => import('./dialogue-screen.page').then((m) => m.DialogueScreenPage),
  },
  // A phone's personal link back to what came of a table (the token in the fragment).
  { path: 'terug', loadComponent: () => import('./dialogue-return.page').then((m) => m.DialogueReturnPage) },
  { path: ':code', loadComponent: () => import('./dialogue-phone.page').then((m) => m.DialoguePhonePage) },
];
