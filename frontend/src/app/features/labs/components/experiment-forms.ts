import { FormControl, FormGroup, Validators } from '@angular/forms';

/** The stages of an iteration (a cycle) logged as text; the decision that closes it comes after. */
export const STAGES = ['plan', 'act', 'observe', 'reflect'] as const;
export const DECISIONS = ['continue', 'adapt', 'scale_up', 'scale_down', 'stop'];

export const today = () => new Date().toISOString().slice(0, 10);
export const EXPERIMENT_STATUSES = ['planned', 'running', 'paused', 'stopped', 'done'];
export const SCALES = ['street', 'neighbourhood', 'city', 'region', 'national'];

/*
 * The experiments page's forms, made by the page (which saves them and resets them after a save) and drawn by its
 * presentational components.
 */

export const experimentForm = () =>
  new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    ingredients: new FormControl('', { nonNullable: true }),
    /** Editing only: a new experiment runs at the lab's scale. */
    scale: new FormControl('', { nonNullable: true }),
    status: new FormControl('running', { nonNullable: true }),
  });
export type ExperimentForm = ReturnType<typeof experimentForm>;

export const iterationForm = () =>
  new FormGroup({
    startsOn: new FormControl(today(), { nonNullable: true, validators: [Validators.required] }),
    plan: new FormControl('', { nonNullable: true }),
  });
export type IterationForm = ReturnType<typeof iterationForm>;

export const stageForm = () =>
  new FormGroup({
    plan: new FormControl('', { nonNullable: true }),
    act: new FormControl('', { nonNullable: true }),
    observe: new FormControl('', { nonNullable: true }),
    reflect: new FormControl('', { nonNullable: true }),
    decision: new FormControl('', { nonNullable: true }),
    decisionReasons: new FormControl('', { nonNullable: true }),
    endsOn: new FormControl('', { nonNullable: true }),
  });
export type StageForm = ReturnType<typeof stageForm>;
