import { FormControl, FormGroup } from '@angular/forms';
import { Observation, Schemas } from '../../../core/api/api';

export const PERSPECTIVES = ['resident', 'volunteer', 'professional', 'partner', 'municipality', 'child', 'other'];
export const AUDIENCES = ['lab', 'municipality', 'public'];
export const SELF_RELIANCE = ['self', 'together', 'professional'];
export const today = () => new Date().toISOString().slice(0, 10);

/** One form for a story or a measure: the quick entry makes one, and so does editing an observation in the list. */
export const observationForm = () =>
  new FormGroup({
    kind: new FormControl<'story' | 'measure'>('story', { nonNullable: true }),
    iterationId: new FormControl('', { nonNullable: true }),
    observedOn: new FormControl(today(), { nonNullable: true }),
    storyText: new FormControl('', { nonNullable: true }),
    perspective: new FormControl('resident', { nonNullable: true }),
    participantId: new FormControl('', { nonNullable: true }),
    audience: new FormControl('lab', { nonNullable: true }),
    selfReliance: new FormControl('', { nonNullable: true }),
    indicatorId: new FormControl('', { nonNullable: true }),
    value: new FormControl<number | null>(null),
    contextNote: new FormControl('', { nonNullable: true }),
    dimensions: new FormControl<string[]>([], { nonNullable: true }),
    hypothesisIds: new FormControl<number[]>([], { nonNullable: true }),
  });
export type ObservationForm = ReturnType<typeof observationForm>;

type Body = Schemas['CreateObservationDto'];

/** What the form says, as the API takes it: only the fields of its kind, empty choices left out. */
export function observationBody(form: ObservationForm): Body {
  const v = form.getRawValue();
  const common = {
    kind: v.kind,
    observedOn: v.observedOn,
    dimensions: v.dimensions,
    hypothesisIds: v.hypothesisIds,
    ...(v.iterationId ? { iterationId: Number(v.iterationId) } : {}),
  };
  return v.kind === 'story'
    ? {
        ...common,
        storyText: v.storyText,
        perspective: v.perspective as Body['perspective'],
        audience: v.audience as Body['audience'],
        ...(v.participantId ? { participantId: Number(v.participantId) } : {}),
        ...(v.selfReliance ? { selfReliance: v.selfReliance as Body['selfReliance'] } : {}),
      }
    : {
        ...common,
        ...(v.indicatorId ? { indicatorId: Number(v.indicatorId) } : {}),
        ...(v.value !== null ? { value: Number(v.value) } : {}),
        ...(v.contextNote.trim() ? { contextNote: v.contextNote } : {}),
      };
}

/**
 * The changes of an edit: like a new one, but a choice emptied is sent as null (it was set before), and the kind
 * stays what it was (the API does not change it).
 */
export function observationChanges(
  form: ObservationForm,
  version: number,
  withheld: boolean,
): Schemas['UpdateObservationDto'] {
  const v = form.getRawValue();
  const { kind, storyText, participantId, ...body } = observationBody(form);
  void kind;
  void participantId;
  return v.kind === 'story'
    ? {
        ...body,
        // A withheld story's words are not shown, so they are not sent either: they stay as they are, and so does
        // whom they are attributed to (the participant without quote consent is not among those to choose from).
        ...(withheld ? {} : { storyText, participantId: v.participantId ? Number(v.participantId) : null }),
        version,
        iterationId: v.iterationId ? Number(v.iterationId) : null,
        selfReliance: (v.selfReliance || null) as Schemas['UpdateObservationDto']['selfReliance'],
      }
    : {
        ...body,
        version,
        iterationId: v.iterationId ? Number(v.iterationId) : null,
        contextNote: v.contextNote.trim() ? v.contextNote : null,
      };
}

/** An observation as the form shows it, to edit. */
export function observationValues(o: Observation): ReturnType<ObservationForm['getRawValue']> {
  return {
    kind: o.kind as 'story' | 'measure',
    iterationId: o.iterationId ? String(o.iterationId) : '',
    observedOn: o.observedOn,
    storyText: o.storyText ?? '',
    perspective: o.perspective ?? 'resident',
    participantId: o.participantId ? String(o.participantId) : '',
    audience: o.audience,
    selfReliance: o.selfReliance ?? '',
    indicatorId: o.indicatorId ? String(o.indicatorId) : '',
    value: o.value,
    contextNote: o.contextNote ?? '',
    dimensions: [...o.dimensions],
    hypothesisIds: [...o.hypothesisIds],
  };
}
