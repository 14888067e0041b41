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
  templateUrl: './lab-shell.page.html',
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
