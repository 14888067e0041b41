import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { LabCardComponent } from '../../shared/ui/lab-card.component';
import { PendingInvitationsComponent } from '../../shared/ui/pending-invitations.component';
import { LabsStore } from '../labs/labs.store';

@Component({
  selector: 'app-home-page',
  imports: [RouterLink, TranslocoPipe, LabCardComponent, PendingInvitationsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ 'home.title' | transloco }}</h1>
    <p class="lab-lead">{{ 'home.lead' | transloco }}</p>

    <section class="lab-panel" aria-labelledby="principles">
      <h2 class="utrecht-heading-2" id="principles">{{ 'home.principlesTitle' | transloco }}</h2>
      <ul class="utrecht-unordered-list">
        <li>{{ 'home.principle1' | transloco }}</li>
        <li>{{ 'home.principle2' | transloco }}</li>
        <li>{{ 'home.principle3' | transloco }}</li>
        <li>{{ 'home.principle4' | transloco }}</li>
      </ul>
    </section>

    @if (auth.user(); as user) {
      <section aria-labelledby="mine">
        <h2 class="utrecht-heading-2" id="mine">{{ 'home.yourLabs' | transloco }}</h2>
        @if (user.pendingInvitations) {
          <app-pending-invitations [count]="user.pendingInvitations" />
        }
        @if (user.memberships.length) {
          <ul class="utrecht-unordered-list">
            @for (m of user.memberships; track m.labId) {
              <li>
                <a class="utrecht-link" [routerLink]="['/labs', m.labId]">{{ m.labName }}</a> ({{
                  'role.' + m.role | transloco
                }})
              </li>
            }
          </ul>
        } @else {
          <p>{{ 'home.noLabsYet' | transloco }}</p>
        }
      </section>
    }

    <section aria-labelledby="public-labs">
      <h2 class="utrecht-heading-2" id="public-labs">{{ 'home.publicLabs' | transloco }}</h2>
      @if (labs(); as list) {
        <ul class="lab-grid">
          @for (lab of list.items; track lab.id) {
            <li><app-lab-card [lab]="lab" /></li>
          }
        </ul>
        <p>
          <a class="utrecht-link" routerLink="/labs">{{ 'home.allLabs' | transloco: { count: list.total } }}</a>
        </p>
      } @else {
        <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
})
export class HomePage implements OnInit {
  protected readonly auth = inject(AuthStore);
  private readonly store = inject(LabsStore);
  protected readonly labs = this.store.latest;

  constructor() {
    pageTitle(() => ({ key: 'home.pageTitle' }));
  }

  ngOnInit(): void {
    // Without the list the page still offers its links: a failed request leaves the list empty.
    void this.store.loadLatest();
  }
}
