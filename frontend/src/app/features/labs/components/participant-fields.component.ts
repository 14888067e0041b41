import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Participant, Problem } from '../../../core/api/api';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';

export const participantForm = () =>
  new FormGroup({
    pseudonym: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    groups: new FormControl('', { nonNullable: true }),
    affiliation: new FormControl('', { nonNullable: true }),
    invitedBy: new FormControl('', { nonNullable: true }),
    contactDetails: new FormControl('', { nonNullable: true }),
    participation: new FormControl(true, { nonNullable: true }),
    quote: new FormControl(false, { nonNullable: true }),
    photo: new FormControl(false, { nonNullable: true }),
    contact: new FormControl(false, { nonNullable: true }),
  });
export type ParticipantForm = ReturnType<typeof participantForm>;

/** A participant as the form shows it, to edit. */
export const participantValues = (p: Participant): ReturnType<ParticipantForm['getRawValue']> => ({
  pseudonym: p.pseudonym,
  groups: p.groups.join(', '),
  affiliation: p.affiliation ?? '',
  invitedBy: p.invitedByParticipantId ? String(p.invitedByParticipantId) : '',
  contactDetails: p.contact ?? '',
  participation: p.consent.participation,
  quote: p.consent.quote,
  photo: p.consent.photo,
  contact: p.consent.contact,
});

export const groupsOf = (text: string) =>
  text
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);

/**
 * A participant's fields, for adding one and for editing one: pseudonym, groups, who brought them (snowball), every
 * consent, and the contact details, which the API keeps only with consent to contact (it says so on the field).
 */
@Component({
  selector: 'app-participant-fields',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = prefix();
    <form
      class="lab-form"
      [formGroup]="form()"
      [id]="p + '-form'"
      (ngSubmit)="submitted.emit()"
      (keydown.escape)="cancelled.emit()"
    >
      <app-form-field [fieldId]="p + '-name'" label="participants.pseudonym" [problem]="problem()" apiField="pseudonym">
        <input appFieldControl class="utrecht-textbox" formControlName="pseudonym" required />
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-groups'"
        label="participants.groups"
        hint="participants.groupsHint"
        [problem]="problem()"
        apiField="groups"
      >
        <input appFieldControl class="utrecht-textbox" formControlName="groups" />
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-affiliation'"
        label="participants.affiliation"
        [problem]="problem()"
        apiField="affiliation"
      >
        <input appFieldControl class="utrecht-textbox" formControlName="affiliation" />
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-invited'"
        label="participants.invitedBy"
        [problem]="problem()"
        apiField="invitedByParticipantId"
      >
        <select appFieldControl class="utrecht-select" formControlName="invitedBy">
          <option value="">–</option>
          @for (o of others(); track o.id) {
            <option [value]="o.id">{{ o.pseudonym }}</option>
          }
        </select>
      </app-form-field>
      <fieldset class="lab-fieldset">
        <legend>{{ 'participants.consent' | transloco }}</legend>
        <div class="lab-checks">
          <label
            ><input type="checkbox" formControlName="participation" /> {{ 'consent.participation' | transloco }}</label
          >
          <label><input type="checkbox" formControlName="quote" /> {{ 'consent.quote' | transloco }}</label>
          <label><input type="checkbox" formControlName="photo" /> {{ 'consent.photo' | transloco }}</label>
          <label><input type="checkbox" formControlName="contact" /> {{ 'consent.contact' | transloco }}</label>
        </div>
      </fieldset>
      <app-form-field
        [fieldId]="p + '-contact'"
        label="edit.contact"
        hint="edit.contactHint"
        [problem]="problem()"
        apiField="contact"
      >
        <input appFieldControl class="utrecht-textbox" formControlName="contactDetails" autocomplete="off" />
      </app-form-field>
      <ng-content />
    </form>
  `,
})
export class ParticipantFieldsComponent {
  readonly form = input.required<ParticipantForm>();
  /** The ids of the fields start with it; the form's id is `<prefix>-form`. */
  readonly prefix = input.required<string>();
  /** Who may have brought this participant: the lab's other participants. */
  readonly others = input<Participant[]>([]);
  readonly problem = input<Problem | null>(null);
  readonly submitted = output<void>();
  readonly cancelled = output<void>();
}
