import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';

/** A lab's header and its sections; every section is a child route. */
@Component({
  selector: 'app-lab-shell-page',
  imports: [RouterLink, RouterLinkActive, RouterOutlet, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.problem(); as problem) {
      <h1 class="utrecht-heading-1">{{ 'lab.notFoundTitle' | transloco }}</h1>
      <app-problem-alert [problem]="problem" />
      <p>
        <a class="utrecht-link" routerLink="/labs">{{ 'lab.backToLabs' | transloco }}</a>
      </p>
    } @else if (store.lab(); as lab) {
      <p class="lab-muted">
        <a class="utrecht-link" routerLink="/labs">{{ 'nav.labs' | transloco }}</a> / {{ lab.municipality }}
        @if (lab.neighbourhood) {
          , {{ lab.neighbourhood }}
        }
      </p>
      <h1 class="utrecht-heading-1">{{ lab.name }}</h1>
      <p class="lab-question">
        <span class="visually-hidden">{{ 'lab.question' | transloco }}: </span>{{ lab.question }}
      </p>
      <nav [attr.aria-label]="'lab.sections' | transloco">
        <ul class="lab-tabs">
          <li>
            <a
              [routerLink]="['/labs', lab.id]"
              routerLinkActive="active"
              [routerLinkActiveOptions]="{ exact: true }"
              ariaCurrentWhenActive="page"
              >{{ 'lab.tab.story' | transloco }}</a
            >
          </li>
          <li>
            <a
              [routerLink]="['/labs', lab.id, 'experimenten']"
              routerLinkActive="active"
              ariaCurrentWhenActive="page"
              >{{ 'lab.tab.experiments' | transloco }}</a
            >
          </li>
          <li>
            <a [routerLink]="['/labs', lab.id, 'hypothesen']" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              'lab.tab.hypotheses' | transloco
            }}</a>
          </li>
          <li>
            <a
              [routerLink]="['/labs', lab.id, 'waarnemingen']"
              routerLinkActive="active"
              ariaCurrentWhenActive="page"
              >{{ 'lab.tab.observations' | transloco }}</a
            >
          </li>
          <li>
            <a [routerLink]="['/labs', lab.id, 'lessen']" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              'lab.tab.learnings' | transloco
            }}</a>
          </li>
          @if (lab.myRole || store.isTeam()) {
            <li>
              <a [routerLink]="['/labs', lab.id, 'rondes']" routerLinkActive="active" ariaCurrentWhenActive="page">{{
                'lab.tab.rounds' | transloco
              }}</a>
            </li>
          }
          @if (store.isTeam()) {
            <li>
              <a
                [routerLink]="['/labs', lab.id, 'deelnemers']"
                routerLinkActive="active"
                ariaCurrentWhenActive="page"
                >{{ 'lab.tab.participants' | transloco }}</a
              >
            </li>
            <li>
              <a [routerLink]="['/labs', lab.id, 'leden']" routerLinkActive="active" ariaCurrentWhenActive="page">{{
                'lab.tab.members' | transloco
              }}</a>
            </li>
            <li>
              <a [routerLink]="['/labs', lab.id, 'gegevens']" routerLinkActive="active" ariaCurrentWhenActive="page">{{
                'lab.tab.data' | transloco
              }}</a>
            </li>
            <li>
              <a
                [routerLink]="['/labs', lab.id, 'geschiedenis']"
                routerLinkActive="active"
                ariaCurrentWhenActive="page"
                >{{ 'lab.tab.history' | transloco }}</a
              >
            </li>
          }
          <li>
            <a [routerLink]="['/labs', lab.id, 'over']" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              'lab.tab.about' | transloco
            }}</a>
          </li>
        </ul>
      </nav>
      <router-outlet />
    } @else {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class LabShellPage {
  protected readonly store = inject(LabStore);
  /** The :labId route parameter. */
  readonly labId = input.required<string>();

  constructor() {
    pageTitle(() => {
      const lab = this.store.lab();
      return lab ? { text: lab.name } : this.store.problem() ? { key: 'lab.notFoundTitle' } : null;
    });
    effect(() => {
      const id = Number(this.labId());
      // untracked: open() reads and writes the store's own signals, which must not re-trigger this effect.
      untracked(() => void this.store.open(id));
    });
  }
}
