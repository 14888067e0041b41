import { Routes } from '@angular/router';

/** /tafel (enter the code), /tafel/<code> (from the QR code), /tafel/<id>/scherm (the projector). */
export const DIALOGUE_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./dialogue-phone.page').then((m) => m.DialoguePhonePage) },
  {
    path: ':dialogueId/scherm',
    loadComponent: () => import('./dialogue-screen.page').then((m) => m.DialogueScreenPage),
  },
  { path: ':code', loadComponent: () => import('./dialogue-phone.page').then((m) => m.DialoguePhonePage) },
];
