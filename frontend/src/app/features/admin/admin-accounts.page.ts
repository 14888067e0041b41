import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessLink, attempt, InstallationRole, Problem } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { ACCOUNTS_PAGE, AdminStore } from './admin.store';
import { PagerComponent } from '../../shared/ui/pager.component';
import { SearchFormComponent } from '../../shared/ui/search-form.component';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import type { FieldNames } from '../../shared/ui/field-errors';
import { DataTableComponent, TableCellDirective, type TableColumn } from '../../shared/ui/data-table.component';

const ROLES: InstallationRole[] = ['admin', 'staff', 'member'];

/**
 * The installation's accounts: find them by name or e-mail address, create one (with a one-time link to choose a
 * password, to hand over), change the installation role, deactivate and reactivate, make a new password link.
 */
@Component({
  selector: 'app-admin-accounts-page',
  imports: [
    DataTableComponent,
    TableCellDirective,
    LocalDatePipe,
    FormFieldComponent,
    FieldControlDirective,
    SearchFormComponent,
    PagerComponent,
    ReactiveFormsModule,
    TranslocoPipe,
    ProblemAlertComponent,
    CopyLinkComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-accounts.page.html',
})
export class AdminAccountsPage {
  /** The accounts table's columns. */
  protected readonly columns = computed((): TableColumn[] => [
    { key: 'name', label: 'admin.name', rowHeader: true },
    { key: 'email', label: 'login.email', stackLabel: true, cellClass: 'lab-break' },
    { key: 'role', label: 'admin.installationRole', stackLabel: true },
    { key: 'state', label: 'admin.state', stackLabel: true },
    { key: 'actions', label: 'admin.actions' },
  ]);
  /** The API's field names and this page's labels, to name a field in an error as the page does. */
  protected readonly fields: FieldNames = {
    displayName: 'admin.name',
    installationRole: { label: 'admin.installationRole', values: 'installationRole.' },
  };
  protected readonly store = inject(AdminStore);
  private readonly auth = inject(AuthStore);
  protected readonly roles = ROLES;
  protected readonly problem = signal<Problem | null>(null);
  protected readonly createProblem = signal<Problem | null>(null);
  protected readonly createSubmitted = signal(false);
  protected readonly createOpen = signal(false);
  protected readonly saved = signal(false);
  protected readonly confirmDeactivate = signal<number | null>(null);
  protected readonly link = signal<{ name: string; link: AccessLink; until: string; created: boolean } | null>(null);
  /** Installation roles chosen in the list and not saved yet, by account id. */
  private readonly chosen = signal<Record<number, InstallationRole>>({});

  protected readonly emailTaken = computed(() => !!this.createProblem()?.errors?.some((e) => e.field === 'email'));
  protected readonly rows = computed(() => {
    const me = this.auth.user()?.id;
    const chosen = this.chosen();
    return (this.store.accounts()?.items ?? []).map((u) => {
      // The role the list shows: the one chosen and not saved yet, else the stored one (also after a refusal).
      const shownRole = chosen[u.id] ?? u.installationRole;
      return { ...u, isYou: u.id === me, shownRole, changed: shownRole !== u.installationRole };
    });
  });
  protected readonly page = computed(() => Math.floor(this.store.query().offset / ACCOUNTS_PAGE) + 1);
  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil((this.store.accounts()?.total ?? 0) / ACCOUNTS_PAGE)),
  );

  protected readonly createForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/\S/), Validators.maxLength(120)],
    }),
    installationRole: new FormControl<InstallationRole>('staff', { nonNullable: true }),
  });
  protected readonly searchForm = new FormGroup({
    q: new FormControl(this.store.query().q, { nonNullable: true }),
    installationRole: new FormControl<InstallationRole | ''>(this.store.query().installationRole, {
      nonNullable: true,
    }),
  });

  constructor() {
    pageTitle(() => ({ key: 'admin.accountsTitle' }));
    void this.store.loadAccounts();
  }

  protected search(): Promise<boolean> {
    this.problem.set(null);
    return this.store.loadAccounts({ ...this.searchForm.getRawValue(), offset: 0 });
  }

  protected goTo(page: number): Promise<boolean> {
    this.problem.set(null);
    return this.store.loadAccounts({ ...this.store.query(), offset: (page - 1) * ACCOUNTS_PAGE });
  }

  protected async create(): Promise<void> {
    this.createSubmitted.set(true);
    this.createProblem.set(null);
    if (this.createForm.invalid) return;
    const { email, displayName, installationRole } = this.createForm.getRawValue();
    await attempt(this.createProblem, async () => {
      const created = await this.store.createAccount({
        email: email.trim(),
        displayName: displayName.trim(),
        installationRole,
      });
      this.link.set({
        name: created.user.displayName,
        link: created.link,
        until: created.link.expiresAt?.slice(0, 10) ?? '',
        created: true,
      });
      this.createForm.reset({ email: '', displayName: '', installationRole });
      this.createSubmitted.set(false);
      this.createOpen.set(false);
    });
  }

  protected pick(id: number, role: InstallationRole): void {
    this.chosen.update((c) => ({ ...c, [id]: role }));
  }

  protected async saveRole(id: number, version: number): Promise<void> {
    const installationRole = this.chosen()[id];
    this.saved.set(false);
    const ok = await attempt(
      this.problem,
      () => this.store.updateAccount(id, { version, installationRole }),
      () => this.store.loadAccounts(),
    );
    // Saved or refused, the list shows the role as it is now.
    this.chosen.update(({ [id]: _, ...rest }) => rest);
    this.saved.set(ok);
  }

  protected async setActive(id: number, active: boolean): Promise<void> {
    this.confirmDeactivate.set(null);
    this.saved.set(false);
    this.saved.set(await attempt(this.problem, () => this.store.setActive(id, active)));
  }

  protected async newLink(id: number, name: string): Promise<void> {
    this.link.set(null);
    await attempt(this.problem, async () => {
      const link = await this.store.passwordLink(id);
      this.link.set({ name, link, until: link.expiresAt?.slice(0, 10) ?? '', created: false });
    });
  }
}
