import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from '../labs/lab.store';
import { DialoguesStore, type DialogueSummary } from './dialogues.store';

/** A lab's tables (tafels): open a focustafel, and run one that is open. */
@Component({
  selector: 'app-dialogues-page',
  imports: [TranslocoPipe, RouterLink, FormsModule, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'dialogue.section' | transloco }}</h2>
    <p class="utrecht-paragraph">{{ 'dialogue.sectionLead' | transloco }}</p>
    @if (lab.isTeam()) {
      <form class="utrecht-form" (submit)="$event.preventDefault(); open()">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="dialogue-title">{{ 'dialogue.titleLabel' | transloco }}</label>
          <input id="dialogue-title" class="utrecht-textbox" name="title" maxlength="200" [(ngModel)]="title" />
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit" [disabled]="busy()">
          {{ (busy() ? 'dialogue.opening' : 'dialogue.open') | transloco }}
        </button>
      </form>
    }
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }
    @if (items().length) {
      <ul class="dialogue-list">
        @for (d of items(); track d.id) {
          <li>
            <a class="utrecht-link" [routerLink]="['/labs', lab.labId(), 'tafels', d.id]">{{ d.title }}</a>
            · {{ (d.status === 'open' ? 'dialogue.statusOpen' : 'dialogue.statusClosed') | transloco }} ·
            {{ 'dialogue.counts' | transloco: { joiners: d.joiners, notes: d.notes } }}
          </li>
        }
      </ul>
    } @else {
      <p class="utrecht-paragraph">{{ 'dialogue.none' | transloco }}</p>
    }
  `,
  styles: ['.dialogue-list { padding-inline-start: 1.25rem; } .dialogue-list li { margin-block: 0.5rem; }'],
})
export class DialoguesPage {
  protected readonly lab = inject(LabStore);
  private readonly store = inject(DialoguesStore);
  private readonly router = inject(Router);
  protected readonly items = signal<DialogueSummary[]>([]);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected title = '';

  constructor() {
    effect(() => {
      const labId = this.lab.labId();
      if (labId && this.lab.isTeam())
        this.store.list(labId).then(
          (list) => this.items.set(list.items),
          (e) => this.problem.set(problemOf(e)),
        );
    });
  }

  protected async open(): Promise<void> {
    const labId = this.lab.labId();
    if (!labId) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const dialogue = await this.store.open(labId, this.title.trim());
      await this.router.navigate(['/labs', labId, 'tafels', dialogue.id]);
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }
}
