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
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { MEMBER_FIELDS } from './field-names';
import { DataTableComponent, TableCellDirective, type TableColumn } from '../../shared/ui/data-table.component';

const ROLES: LabRole[] = ['coordinator', 'partner', 'resident', 'observer'];

/**
 * Who takes part in the lab and in which role (coordinators change roles and remove people; partners only look),
 * a way back in for a resident who lost their session, and the invitations.
 */
@Component({
  selector: 'app-lab-members-page',
  imports: [
    DataTableComponent,
    TableCellDirective,
    LocalDatePipe,
    TranslocoPipe,
    ProblemAlertComponent,
    CopyLinkComponent,
    InvitationsPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-members.page.html',
})
export class LabMembersPage {
  /** The members table's columns; only coordinators get the actions. */
  protected readonly columns = computed((): TableColumn[] => [
    { key: 'name', label: 'members.name', rowHeader: true },
    { key: 'role', label: 'members.role', stackLabel: true },
    { key: 'since', label: 'members.since', stackLabel: true },
    ...(this.lab.isCoordinator() ? [{ key: 'actions', label: 'members.actions' }] : []),
  ]);
  protected readonly fields = MEMBER_FIELDS;
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
      // The frame lets only the team (and installation administrators) open this page.
      if (labId) untracked(() => void this.store.load(labId));
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
