import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/** The frame of the administration: its heading and its sections (accounts, organisations, history). */
@Component({
  selector: 'app-admin-shell-page',
  imports: [RouterLink, RouterLinkActive, RouterOutlet, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ 'admin.title' | transloco }}</h1>
    <p class="lab-lead">{{ 'admin.lead' | transloco }}</p>
    <nav [attr.aria-label]="'admin.sections' | transloco">
      <ul class="lab-tabs">
        <li>
          <a routerLink="/beheer/accounts" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            'admin.accounts' | transloco
          }}</a>
        </li>
        <li>
          <a routerLink="/beheer/organisaties" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            'admin.organisations' | transloco
          }}</a>
        </li>
        <li>
          <a routerLink="/beheer/geschiedenis" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            'admin.history' | transloco
          }}</a>
        </li>
      </ul>
    </nav>
    <router-outlet />
  `,
})
export class AdminShellPage {}
