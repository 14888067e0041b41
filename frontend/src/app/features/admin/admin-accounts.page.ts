import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessLink, attempt, InstallationRole, Problem } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { ACCOUNTS_PAGE, AdminStore } from './admin.store';

const ROLES: InstallationRole[] = ['admin', 'staff', 'member'];

/**
 * The installation's accounts: find them by name or e-mail address, create one (with a one-time link to choose a
 * password, to hand over), change the installation role, deactivate and reactivate, make a new password link.
 */
@Component({
  selector: 'app-admin-accounts-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent, CopyLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2" id="accounts-title">{{ 'admin.accounts' | transloco }}</h2>
    <p class="lab-muted">{{ 'admin.accountsLead' | transloco }}</p>

    <details class="lab-panel" [open]="createOpen()" (toggle)="createOpen.set($any($event.target).open)">
      <summary>
        <strong>{{ 'admin.create' | transloco }}</strong>
      </summary>
      @if (createProblem(); as p) {
        <app-problem-alert [problem]="p" [showFields]="false" />
      }
      <form class="lab-form" [formGroup]="createForm" (ngSubmit)="create()" novalidate>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="new-email">{{ 'login.email' | transloco }}</label>
          <input
            class="utrecht-textbox"
            id="new-email"
            type="email"
            autocomplete="off"
            formControlName="email"
            required
            [attr.aria-invalid]="createSubmitted() && (createForm.controls.email.invalid || emailTaken())"
            [attr.aria-describedby]="
              createSubmitted() && (createForm.controls.email.invalid || emailTaken()) ? 'new-email-error' : null
            "
          />
          @if (createSubmitted() && createForm.controls.email.invalid) {
            <p class="utrecht-form-field-error-message" id="new-email-error">{{ 'login.emailRequired' | transloco }}</p>
          } @else if (emailTaken()) {
            <p class="utrecht-form-field-error-message" id="new-email-error">{{ 'admin.emailTaken' | transloco }}</p>
          }
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="new-name">{{ 'admin.name' | transloco }}</label>
          <input
            class="utrecht-textbox"
            id="new-name"
            type="text"
            autocomplete="off"
            formControlName="displayName"
            maxlength="120"
            required
            [attr.aria-invalid]="createSubmitted() && createForm.controls.displayName.invalid"
            [attr.aria-describedby]="
              createSubmitted() && createForm.controls.displayName.invalid ? 'new-name-error' : null
            "
          />
          @if (createSubmitted() && createForm.controls.displayName.invalid) {
            <p class="utrecht-form-field-error-message" id="new-name-error">
              {{ 'invitation.nameRequired' | transloco }}
            </p>
          }
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="new-role">{{ 'admin.installationRole' | transloco }}</label>
          <p class="utrecht-form-field-description" id="new-role-hint">{{ 'admin.rolesExplained' | transloco }}</p>
          <select
            class="utrecht-select"
            id="new-role"
            formControlName="installationRole"
            aria-describedby="new-role-hint"
          >
            @for (r of roles; track r) {
              <option [value]="r">{{ 'installationRole.' + r | transloco }}</option>
            }
          </select>
        </div>
        <div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {{ 'admin.createSubmit' | transloco }}
          </button>
        </div>
      </form>
    </details>

    @if (link(); as l) {
      <app-copy-link [path]="l.link.path" testId="password-link">
        <p>
          <strong>{{ (l.created ? 'admin.createdFor' : 'admin.newLinkFor') | transloco: { name: l.name } }}</strong>
        </p>
        <p>
          {{ 'admin.linkExplain' | transloco: { name: l.name, date: l.until } }}
          @if (!l.created) {
            {{ 'admin.olderLinkGone' | transloco }}
          }
        </p>
      </app-copy-link>
    }

    <form
      class="lab-filters"
      [formGroup]="searchForm"
      (ngSubmit)="search()"
      role="search"
      [attr.aria-label]="'admin.searchAccounts' | transloco"
    >
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="acc-q">{{ 'admin.search' | transloco }}</label>
        <input class="utrecht-textbox" id="acc-q" type="search" formControlName="q" />
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="acc-role">{{ 'admin.installationRole' | transloco }}</label>
        <select class="utrecht-select" id="acc-role" formControlName="installationRole">
          <option value="">{{ 'admin.allRoles' | transloco }}</option>
          @for (r of roles; track r) {
            <option [value]="r">{{ 'installationRole.' + r | transloco }}</option>
          }
        </select>
      </div>
      <button class="utrecht-button utrecht-button--primary-action" type="submit">
        {{ 'labs.filter' | transloco }}
      </button>
    </form>

    @if (problem() ?? store.accountsError(); as p) {
      <app-problem-alert [problem]="p" />
    }
    @if (saved()) {
      <p class="visually-hidden" role="status">{{ 'common.saved' | transloco }}</p>
    }
    <div aria-live="polite">
      @if (store.accounts(); as list) {
        <p>{{ (list.total === 1 ? 'admin.foundOne' : 'admin.found') | transloco: { count: list.total } }}</p>
      }
    </div>
    @if (rows().length) {
      <table class="utrecht-table lab-table--stack">
        <caption class="visually-hidden">
          {{
            'admin.accounts' | transloco
          }}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{{ 'admin.name' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'login.email' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'admin.installationRole' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'admin.state' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'admin.actions' | transloco }}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          @for (u of rows(); track u.id) {
            <tr class="utrecht-table__row">
              <th class="utrecht-table__cell" scope="row">
                {{ u.displayName }}
                @if (u.isYou) {
                  <span class="lab-muted"> ({{ 'members.you' | transloco }})</span>
                }
              </th>
              <td class="utrecht-table__cell lab-break" [attr.data-label]="'login.email' | transloco">
                {{ u.email ?? ('admin.noEmail' | transloco) }}
              </td>
              <td class="utrecht-table__cell" [attr.data-label]="'admin.installationRole' | transloco">
                @if (u.isYou) {
                  {{ 'installationRole.' + u.installationRole | transloco }}
                } @else {
                  <div class="lab-inline-form">
                    <select
                      class="utrecht-select"
                      [attr.aria-label]="'admin.roleOf' | transloco: { name: u.displayName }"
                      (change)="pick(u.id, $any($event.target).value)"
                    >
                      @for (r of roles; track r) {
                        <option [value]="r" [selected]="r === u.shownRole">
                          {{ 'installationRole.' + r | transloco }}
                        </option>
                      }
                    </select>
                    @if (u.changed) {
                      <button
                        class="utrecht-button utrecht-button--secondary-action"
                        type="button"
                        (click)="saveRole(u.id, u.version)"
                      >
                        {{ 'members.saveRole' | transloco }}<span class="visually-hidden"> ({{ u.displayName }})</span>
                      </button>
                    }
                  </div>
                }
              </td>
              <td class="utrecht-table__cell" [attr.data-label]="'admin.state' | transloco">
                <span>{{ (u.active ? 'admin.active' : 'admin.inactive') | transloco }}</span><br />
                <span class="lab-muted">{{
                  (u.hasPassword ? 'admin.hasPassword' : 'admin.noPassword') | transloco
                }}</span>
              </td>
              <td class="utrecht-table__cell">
                <div class="lab-actions">
                  @if (u.email && u.active) {
                    <button
                      class="utrecht-button utrecht-button--subtle"
                      type="button"
                      (click)="newLink(u.id, u.displayName)"
                    >
                      {{ 'admin.passwordLink' | transloco }}<span class="visually-hidden"> ({{ u.displayName }})</span>
                    </button>
                  }
                  @if (!u.isYou) {
                    @if (!u.active) {
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="setActive(u.id, true)"
                      >
                        {{ 'admin.reactivate' | transloco }}<span class="visually-hidden"> ({{ u.displayName }})</span>
                      </button>
                    } @else if (confirmDeactivate() === u.id) {
                      <span role="alert">{{ 'admin.deactivateSure' | transloco: { name: u.displayName } }}</span>
                      <button
                        class="utrecht-button utrecht-button--primary-action utrecht-button--danger"
                        type="button"
                        (click)="setActive(u.id, false)"
                      >
                        {{ 'admin.deactivateYes' | transloco }}
                      </button>
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="confirmDeactivate.set(null)"
                      >
                        {{ 'common.cancel' | transloco }}
                      </button>
                    } @else {
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="confirmDeactivate.set(u.id)"
                      >
                        {{ 'admin.deactivate' | transloco }}<span class="visually-hidden"> ({{ u.displayName }})</span>
                      </button>
                    }
                  }
                </div>
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
    @if (pages() > 1) {
      <nav class="lab-pager" [attr.aria-label]="'labs.pages' | transloco">
        <button
          class="utrecht-button utrecht-button--secondary-action"
          type="button"
          [disabled]="page() === 1"
          (click)="goTo(page() - 1)"
        >
          {{ 'labs.previous' | transloco }}
        </button>
        <span>{{ 'labs.pageOf' | transloco: { page: page(), pages: pages() } }}</span>
        <button
          class="utrecht-button utrecht-button--secondary-action"
          type="button"
          [disabled]="page() === pages()"
          (click)="goTo(page() + 1)"
        >
          {{ 'labs.next' | transloco }}
        </button>
      </nav>
    }
  `,
})
export class AdminAccountsPage {
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
