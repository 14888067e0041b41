import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessLink, attempt, LabRole, Problem } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { InvitationsPanelComponent } from './invitations-panel.component';
import { LabStore } from './lab.store';
import { MembersStore } from './members.store';

const ROLES: LabRole[] = ['coordinator', 'partner', 'resident', 'observer'];

/**
 * Who takes part in the lab and in which role (coordinators change roles and remove people; partners only look),
 * a way back in for a resident who lost their session, and the invitations.
 */
@Component({
  selector: 'app-lab-members-page',
  imports: [TranslocoPipe, ProblemAlertComponent, CopyLinkComponent, InvitationsPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2" id="members-title" tabindex="-1" #title>{{ 'members.title' | transloco }}</h2>
    <p class="lab-muted">{{ (lab.isCoordinator() ? 'members.lead' : 'members.leadReadOnly') | transloco }}</p>
    @if (problem() ?? store.error(); as p) {
      <app-problem-alert [problem]="p" />
    }
    @if (link(); as l) {
      <app-copy-link [path]="l.link.path" testId="sign-in-link">
        <p>
          <strong>{{ 'members.linkFor' | transloco: { name: l.name } }}</strong>
        </p>
        <p>{{ 'members.linkExplain' | transloco: { name: l.name, date: l.until } }}</p>
      </app-copy-link>
    }
    @if (saved()) {
      <p class="visually-hidden" role="status">{{ 'common.saved' | transloco }}</p>
    }

    @if (rows().length) {
      <p data-testid="member-count">{{ 'members.count' | transloco: { count: rows().length } }}</p>
      <table class="utrecht-table lab-table--stack">
        <caption class="visually-hidden">
          {{
            'members.caption' | transloco
          }}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{{ 'members.name' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'members.role' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'members.since' | transloco }}</th>
            @if (lab.isCoordinator()) {
              <th class="utrecht-table__header-cell" scope="col">{{ 'members.actions' | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          @for (m of rows(); track m.id) {
            <tr class="utrecht-table__row">
              <th class="utrecht-table__cell" scope="row">
                {{ m.displayName }}
                @if (m.isYou) {
                  <span class="lab-muted"> ({{ 'members.you' | transloco }})</span>
                }
              </th>
              <td class="utrecht-table__cell" [attr.data-label]="'members.role' | transloco">
                @if (lab.isCoordinator()) {
                  <div class="lab-inline-form">
                    <select
                      class="utrecht-select"
                      [id]="'role-' + m.id"
                      [attr.aria-label]="'members.roleOf' | transloco: { name: m.displayName }"
                      (change)="pick(m.id, $any($event.target).value)"
                    >
                      @for (r of roles; track r) {
                        <option [value]="r" [selected]="r === m.shownRole">{{ 'role.' + r | transloco }}</option>
                      }
                    </select>
                    @if (m.changed) {
                      <button
                        class="utrecht-button utrecht-button--secondary-action"
                        type="button"
                        (click)="saveRole(m.id)"
                      >
                        {{ 'members.saveRole' | transloco }}<span class="visually-hidden"> ({{ m.displayName }})</span>
                      </button>
                    }
                  </div>
                } @else {
                  {{ 'role.' + m.role | transloco }}
                }
              </td>
              <td class="utrecht-table__cell" [attr.data-label]="'members.since' | transloco">{{ m.sinceDate }}</td>
              @if (lab.isCoordinator()) {
                <td class="utrecht-table__cell">
                  <div class="lab-actions">
                    @if (m.canGetSignInLink) {
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="makeLink(m.id, m.displayName)"
                      >
                        {{ 'members.makeLink' | transloco }}<span class="visually-hidden"> ({{ m.displayName }})</span>
                      </button>
                    }
                    @if (confirmRemove() === m.id) {
                      <span role="alert">{{
                        (m.isYou ? 'members.removeYouSure' : 'members.removeSure') | transloco: { name: m.displayName }
                      }}</span>
                      <button
                        class="utrecht-button utrecht-button--primary-action utrecht-button--danger"
                        type="button"
                        (click)="remove(m.id, m.isYou)"
                      >
                        {{ 'members.removeYes' | transloco }}
                      </button>
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="confirmRemove.set(null)"
                      >
                        {{ 'common.cancel' | transloco }}
                      </button>
                    } @else {
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="confirmRemove.set(m.id)"
                      >
                        {{ 'members.remove' | transloco }}<span class="visually-hidden"> ({{ m.displayName }})</span>
                      </button>
                    }
                  </div>
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }

    @if (lab.isCoordinator() && lab.labId(); as labId) {
      <app-invitations-panel [labId]="labId" />
    }
  `,
})
export class LabMembersPage {
  protected readonly lab = inject(LabStore);
  protected readonly store = inject(MembersStore);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly title = viewChild.required<ElementRef<HTMLElement>>('title');
  protected readonly roles = ROLES;
  protected readonly problem = signal<Problem | null>(null);
  protected readonly saved = signal(false);
  protected readonly confirmRemove = signal<number | null>(null);
  /** Roles chosen in the list and not saved yet, by membership id. */
  private readonly chosen = signal<Record<number, LabRole>>({});
  protected readonly link = signal<{ name: string; link: AccessLink; until: string } | null>(null);

  protected readonly rows = computed(() => {
    const chosen = this.chosen();
    return this.store.members().map((m) => {
      // The role the list shows: the one chosen and not saved yet, else the stored one (also after a refusal).
      const shownRole = chosen[m.id] ?? m.role;
      return { ...m, shownRole, sinceDate: m.since.slice(0, 10), changed: shownRole !== m.role };
    });
  });

  constructor() {
    effect(() => {
      const labId = this.lab.labId();
      if (labId && this.lab.isTeam()) untracked(() => void this.store.load(labId));
    });
  }

  protected pick(memberId: number, role: LabRole): void {
    this.chosen.update((c) => ({ ...c, [memberId]: role }));
  }

  protected async saveRole(memberId: number): Promise<void> {
    const role = this.chosen()[memberId];
    const wasYou = this.store.members().find((m) => m.id === memberId)?.isYou ?? false;
    this.saved.set(false);
    const ok = await attempt(this.problem, () => this.store.changeRole(memberId, role));
    // Saved or refused, the list shows the role as it is now.
    this.chosen.update(({ [memberId]: _, ...rest }) => rest);
    if (!ok) return;
    this.saved.set(true);
    // Giving up one's own coordinator role changes what this lab's pages offer.
    if (wasYou) await Promise.all([this.lab.reloadLab(), this.auth.refresh()]);
  }

  protected async remove(memberId: number, isYou: boolean): Promise<void> {
    this.confirmRemove.set(null);
    const ok = await attempt(this.problem, () => this.store.remove(memberId));
    if (ok && isYou) {
      await this.auth.refresh();
      await this.router.navigateByUrl('/mijn-labs');
      return;
    }
    this.title().nativeElement.focus();
  }

  protected async makeLink(memberId: number, name: string): Promise<void> {
    this.link.set(null);
    await attempt(this.problem, async () => {
      const link = await this.store.signInLink(memberId);
      this.link.set({ name, link, until: link.expiresAt?.slice(0, 10) ?? '' });
    });
    this.title().nativeElement.scrollIntoView?.({ block: 'start' });
  }
}
