import { FormControl, FormGroup, Validators } from '@angular/forms';

/** The four parts of a hypothesis's wording, in the order a sentence reads them. */
export const HYPOTHESIS_PARTS = ['ifWe', 'then', 'because', 'wouldChangeMind'] as const;

/*
 * The hypotheses' forms, made by the page (which saves them and resets them after a save) and drawn by its
 * presentational components.
 */

export const newHypothesisForm = () =>
  new FormGroup({
    experimentId: new FormControl<number | null>(null),
    ifWe: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    then: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    because: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    wouldChangeMind: new FormControl('', { nonNullable: true }),
  });
export type NewHypothesisForm = ReturnType<typeof newHypothesisForm>;

export const wordingForm = () =>
  new FormGroup({
    ifWe: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    then: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    because: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    wouldChangeMind: new FormControl('', { nonNullable: true }),
    rationale: new FormControl('', { nonNullable: true }),
  });
export type WordingForm = ReturnType<typeof wordingForm>;

export const statusForm = () =>
  new FormGroup({
    status: new FormControl('testing', { nonNullable: true }),
    iterationId: new FormControl('', { nonNullable: true }),
    rationale: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    evidence: new FormControl('', { nonNullable: true }),
  });
export type StatusForm = ReturnType<typeof statusForm>;
