import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { InvitationsPanelComponent } from './invitations-panel.component';
import { LabsStore } from './labs.store';

@Component({
  selector: 'app-lab-overview-page',
  imports: [RouterLink, TranslocoPipe, ProblemAlertComponent, InvitationsPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.labProblem(); as problem) {
      <h1 class="utrecht-heading-1">{{ 'lab.notFoundTitle' | transloco }}</h1>
      <app-problem-alert [problem]="problem" />
      <p><a class="utrecht-link" routerLink="/labs">{{ 'lab.backToLabs' | transloco }}</a></p>
    } @else if (store.lab(); as lab) {
      <p class="lab-muted">
        <a class="utrecht-link" routerLink="/labs">{{ 'nav.labs' | transloco }}</a> /
        {{ lab.municipality }}@if (lab.neighbourhood) {, {{ lab.neighbourhood }}}
      </p>
      <h1 class="utrecht-heading-1">{{ lab.name }}</h1>
      <p class="lab-question"><span class="visually-hidden">{{ 'lab.question' | transloco }}: </span>{{ lab.question }}</p>

      <div class="lab-columns">
        <div>
          <section aria-labelledby="aim">
            <h2 class="utrecht-heading-2" id="aim">{{ 'lab.aim' | transloco }}</h2>
            <p class="utrecht-paragraph">{{ lab.aim }}</p>
          </section>

          <section aria-labelledby="partners">
            <h2 class="utrecht-heading-2" id="partners">{{ 'lab.partners' | transloco }}</h2>
            @if (lab.partners.length) {
              <table class="utrecht-table">
                <caption class="visually-hidden">{{ 'lab.partnersCaption' | transloco }}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">{{ 'lab.organisation' | transloco }}</th>
                    <th class="utrecht-table__header-cell" scope="col">{{ 'lab.kind' | transloco }}</th>
                    <th class="utrecht-table__header-cell" scope="col">{{ 'lab.broughtInBy' | transloco }}</th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  @for (p of partnerRows(); track p.organisationId) {
                    <tr class="utrecht-table__row">
                      <td class="utrecht-table__cell">{{ p.name }}</td>
                      <td class="utrecht-table__cell">{{ 'orgKind.' + p.kind | transloco }}</td>
                      <td class="utrecht-table__cell">{{ p.invitedBy ?? '–' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            } @else {
              <p>{{ 'lab.noPartners' | transloco }}</p>
            }
          </section>

          @if (lab.origin; as origin) {
            <section aria-labelledby="origin" class="lab-panel">
              <h2 class="utrecht-heading-3" id="origin">{{ 'lab.adoptedFrom' | transloco }}</h2>
              <p><a class="utrecht-link" [routerLink]="['/labs', origin.id]">{{ origin.name }}</a> ({{ origin.municipality }})</p>
              @if (lab.transferConditions) { <p>{{ lab.transferConditions }}</p> }
            </section>
          }
        </div>

        <aside class="lab-panel" [attr.aria-label]="'lab.facts' | transloco">
          <dl class="lab-dl">
            <dt>{{ 'labs.status' | transloco }}</dt><dd>{{ 'status.' + lab.status | transloco }}</dd>
            <dt>{{ 'lab.scale' | transloco }}</dt><dd>{{ 'scale.' + lab.scale | transloco }}</dd>
            <dt>{{ 'lab.visibility' | transloco }}</dt><dd>{{ 'visibility.' + lab.visibility | transloco }}</dd>
            <dt>{{ 'lab.experiments' | transloco }}</dt><dd>{{ lab.experimentCount }}</dd>
            <dt>{{ 'lab.iterations' | transloco }}</dt><dd>{{ lab.iterationCount }}</dd>
            <dt>{{ 'lab.members' | transloco }}</dt><dd>{{ lab.memberCount }}</dd>
            @if (lab.myRole) {
              <dt>{{ 'labs.yourRole' | transloco }}</dt><dd>{{ 'role.' + lab.myRole | transloco }}</dd>
            }
          </dl>
          <h2 class="utrecht-heading-3">{{ 'labs.themes' | transloco }}</h2>
          <ul class="lab-badges">
            @for (theme of lab.themes; track theme) {
              <li class="lab-badge">{{ 'theme.' + theme | transloco }}</li>
            }
          </ul>
        </aside>
      </div>

      @if (lab.myRole === 'coordinator') {
        <app-invitations-panel [labId]="lab.id" />
      }
    } @else {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class LabOverviewPage {
  protected readonly store = inject(LabsStore);
  /** The :labId route parameter. */
  readonly labId = input.required<string>();

  protected readonly partnerRows = computed(() => {
    const partners = this.store.lab()?.partners ?? [];
    const names = new Map(partners.map((p) => [p.organisationId, p.name]));
    return partners.map((p) => ({ ...p, invitedBy: p.invitedByOrganisationId ? names.get(p.invitedByOrganisationId) ?? null : null }));
  });

  constructor() {
    pageTitle(() => {
      const lab = this.store.lab();
      return lab ? { text: lab.name } : this.store.labProblem() ? { key: 'lab.notFoundTitle' } : null;
    });
    effect(() => {
      this.store.loadLab(Number(this.labId()));
    });
  }
}
