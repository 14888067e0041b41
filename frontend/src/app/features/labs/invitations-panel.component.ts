import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { DOCUMENT } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import { CreatedInvitation, LabRole, Problem, problemOf } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabsStore } from './labs.store';

/** A coordinator makes invitation links (no e-mail server needed: copy the link) and sees which were used. */
@Component({
  selector: 'app-invitations-panel',
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="lab-panel" aria-labelledby="invite-title">
      <h2 class="utrecht-heading-2" id="invite-title">{{ 'invite.title' | transloco }}</h2>
      <p>{{ 'invite.lead' | transloco }}</p>
      <form class="lab-filters" [formGroup]="form" (ngSubmit)="create()">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-role">{{ 'invite.role' | transloco }}</label>
          <select class="utrecht-select" id="invite-role" formControlName="role">
            @for (role of roles; track role) {
              <option [value]="role">{{ 'role.' + role | transloco }}</option>
            }
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-days">{{ 'invite.days' | transloco }}</label>
          <input class="utrecht-textbox" id="invite-days" type="number" min="1" max="60" formControlName="expiresInDays" />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-note">{{ 'invite.note' | transloco }}</label>
          <input class="utrecht-textbox" id="invite-note" type="text" formControlName="note" />
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">{{ 'invite.create' | transloco }}</button>
      </form>
      @if (problem(); as p) { <app-problem-alert [problem]="p" /> }
      @if (created(); as invitation) {
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <p>{{ 'invite.copyThis' | transloco }}</p>
          <div class="lab-copy">
            <code data-testid="invitation-link">{{ link() }}</code>
            <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="copy()">{{ (copied() ? 'invite.copied' : 'invite.copy') | transloco }}</button>
          </div>
        </div>
      }
      @if (store.invitations().length) {
        <h3 class="utrecht-heading-3">{{ 'invite.listTitle' | transloco }}</h3>
        <table class="utrecht-table">
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">{{ 'invite.role' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'invite.note' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'invite.state' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'invite.expires' | transloco }}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            @for (i of store.invitations(); track i.id) {
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell">{{ 'role.' + i.role | transloco }}</td>
                <td class="utrecht-table__cell">{{ i.note ?? '–' }}</td>
                <td class="utrecht-table__cell">{{ 'invite.state_' + i.state | transloco }}@if (i.usedByName) { ({{ i.usedByName }}) }</td>
                <td class="utrecht-table__cell">{{ i.expiresAt.slice(0, 10) }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
})
export class InvitationsPanelComponent {
  protected readonly store = inject(LabsStore);
  private readonly document = inject(DOCUMENT);
  readonly labId = input.required<number>();
  protected readonly roles: LabRole[] = ['resident', 'partner', 'observer', 'coordinator'];
  protected readonly created = signal<CreatedInvitation | null>(null);
  protected readonly link = signal('');
  protected readonly copied = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly form = new FormGroup({
    role: new FormControl<LabRole>('resident', { nonNullable: true }),
    expiresInDays: new FormControl(14, { nonNullable: true, validators: [Validators.min(1), Validators.max(60)] }),
    note: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      this.store.loadInvitations(this.labId());
    });
  }

  protected async create(): Promise<void> {
    this.problem.set(null);
    this.copied.set(false);
    try {
      const { role, expiresInDays, note } = this.form.getRawValue();
      const created = await this.store.createInvitation(this.labId(), { role, expiresInDays: Number(expiresInDays), ...(note ? { note } : {}) });
      this.created.set(created);
      this.link.set(`${this.document.location.origin}${created.path}`);
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }

  protected async copy(): Promise<void> {
    await this.document.defaultView?.navigator.clipboard?.writeText(this.link()).catch(() => undefined);
    this.copied.set(true);
  }
}
