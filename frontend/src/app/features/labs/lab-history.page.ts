import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LabStore } from './lab.store';
import { HISTORY_PAGE, StoryStore } from './story.store';
import { PagerComponent } from '../../shared/ui/pager.component';
import { LocalDatePipe, LocalNumberPipe } from '../../core/i18n/local-date.pipe';
import { formatDate } from '../../core/i18n/format';
import { LanguageService } from '../../core/i18n/language.service';
import { historyLine } from './history-words';

/** Every change in the lab in words: who, when, which record (a link to it), what changed (newest first). */
@Component({
  selector: 'app-lab-history-page',
  imports: [LocalDatePipe, LocalNumberPipe, NgTemplateOutlet, PagerComponent, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'history.title' | transloco }}</h2>
    <p class="lab-muted">{{ 'history.lead' | transloco }}</p>
    <div class="lab-table-box">
      <table class="utrecht-table lab-table--stack">
        <caption class="visually-hidden">
          {{
            'history.title' | transloco
          }}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{{ 'history.when' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'history.who' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'history.what' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'history.changes' | transloco }}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          @for (h of rows(); track h.id) {
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell" [attr.data-label]="'history.when' | transloco">
                {{ h.at | localDate: 'dateTime' }}
              </td>
              <td class="utrecht-table__cell" [attr.data-label]="'history.who' | transloco">{{ h.who ?? '–' }}</td>
              <td class="utrecht-table__cell lab-break" [attr.data-label]="'history.what' | transloco">
                {{ 'history.action.' + h.action | transloco }}: {{ 'history.entity.' + h.entityType | transloco }}
                @if (h.link) {
                  <a class="utrecht-link" [routerLink]="h.link.commands" [fragment]="h.link.fragment">{{
                    h.subjectKey | transloco: h.subjectParams
                  }}</a>
                } @else {
                  {{ h.subjectKey | transloco: h.subjectParams }}
                }
              </td>
              <td class="utrecht-table__cell lab-break" [attr.data-label]="'history.changes' | transloco">
                @if (h.changes.length) {
                  <ul class="lab-plain-list">
                    @for (c of h.changes; track c.field) {
                      <li>
                        @if (c.nameOnly && !c.withheld) {
                          {{ 'history.field.' + c.field | transloco }}
                        } @else {
                          {{ ('history.field.' + c.field | transloco) + ':' }}
                          @if (c.withheld) {
                            {{ 'history.withheld' | transloco }}
                          } @else if (h.action === 'update') {
                            <ng-container *ngTemplateOutlet="value; context: { $implicit: c.from }" />
                            →
                            <ng-container *ngTemplateOutlet="value; context: { $implicit: c.to }" />
                          } @else {
                            <ng-container
                              *ngTemplateOutlet="value; context: { $implicit: h.action === 'delete' ? c.from : c.to }"
                            />
                          }
                        }
                      </li>
                    }
                  </ul>
                } @else {
                  –
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <ng-template #value let-v>
      @if (v.key) {
        {{ v.key | transloco }}
      } @else if (v.keys) {
        @for (k of v.keys; track k; let last = $last) {
          {{ k | transloco }}{{ last ? '' : ', ' }}
        }
      } @else if (v.date) {
        {{ v.date | localDate: (v.date.length > 10 ? 'dateTime' : 'date') }}
      } @else if (v.count !== undefined) {
        {{ 'history.count' | transloco: { count: v.count | localNumber } }}
      } @else {
        {{ v.text }}
      }
    </ng-template>
    <app-pager
      [page]="offset() / page + 1"
      [hasNext]="offset() + page < total()"
      (pageChange)="offset.set(($event - 1) * page)"
    />
  `,
})
export class LabHistoryPage {
  private readonly lab = inject(LabStore);
  private readonly store = inject(StoryStore);
  private readonly language = inject(LanguageService);
  protected readonly page = HISTORY_PAGE;
  protected readonly offset = signal(0);
  protected readonly total = computed(() => this.store.history().total);
  protected readonly rows = computed(() => {
    const labId = this.lab.labId();
    const language = this.language.current();
    return this.store.history().items.map((h) => historyLine(labId ?? 0, h, (iso) => formatDate(iso, language)));
  });

  constructor() {
    effect(() => {
      if (this.lab.labId()) void this.store.loadHistory(this.offset());
    });
  }
}
