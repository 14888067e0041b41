import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter } from 'rxjs';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { AccessGateComponent, type GateNeed, type GateWhat } from '../../shared/ui/access-gate.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { DialogueOriginComponent } from '../dialogues/dialogue-origin.component';

/** Who may see a section (its route's `data.gate`): sections without one are for everyone who may see the lab. */
export interface Gate {
  need: GateNeed;
  what: GateWhat;
}

/** A lab's header and its sections; every section is a child route. */
@Component({
  selector: 'app-lab-shell-page',
  imports: [
    DialogueOriginComponent,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    TranslocoPipe,
    ProblemAlertComponent,
    AccessGateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-shell.page.html',
})
export class LabShellPage {
  protected readonly store = inject(LabStore);
  protected readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  /** The :labId route parameter. */
  readonly labId = input.required<string>();
  private readonly navigated = toSignal(this.router.events.pipe(filter((e) => e instanceof NavigationEnd)));
  /**
   * The open section's gate when the visitor may not see it (not logged in, or without the role): the frame shows
   * the gate instead of the section, so the section never loads, never shows a team's forms or a false "nothing yet".
   * Installation administrators pass, as the API lets them.
   */
  protected readonly gate = computed((): Gate | null => {
    this.navigated();
    const gate = this.route.snapshot.firstChild?.data['gate'] as Gate | undefined;
    if (!gate || this.auth.isAdmin()) return null;
    const allowed = gate.need === 'team' ? this.store.isTeam() : this.store.role() !== null;
    return allowed ? null : gate;
  });

  constructor() {
    pageTitle(() => {
      const lab = this.store.lab();
      return lab ? { text: lab.name } : this.store.problem() ? { key: 'lab.notFoundTitle' } : null;
    });
    // On a phone the sections are one row that scrolls sideways: the open one is scrolled into the row's view.
    effect(() => {
      this.navigated();
      if (!this.store.lab()) return;
      afterNextRender(
        () => {
          // The open section's link by its address (the active class may come a turn later).
          const path = this.router.url.split(/[?#]/)[0];
          const active = document.querySelector<HTMLElement>(`.lab-tabs a[href="${CSS.escape(path)}"]`);
          const row = active?.closest('ul');
          if (!active || !row || row.scrollWidth <= row.clientWidth) return;
          const [a, r] = [active.getBoundingClientRect(), row.getBoundingClientRect()];
          row.scrollLeft += a.left - r.left - (r.width - a.width) / 2;
        },
        { injector: this.injector },
      );
    });
    effect(() => {
      const id = Number(this.labId());
      // untracked: open() reads and writes the store's own signals, which must not re-trigger this effect.
      untracked(() => void this.store.open(id));
    });
  }

  /** This page, to come back to after logging in. */
  protected here(): string {
    return this.router.url;
  }
}
