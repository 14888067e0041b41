import { Injectable } from '@nestjs/common';
import { Errors } from '../common/domain-error';
import { toCsv } from '../common/csv';
import type { LabAccess } from '../common/request-context';
import { ExperimentsService } from '../experiments/experiments.service';
import { HypothesesService } from '../hypotheses/hypotheses.service';
import { IterationsService } from '../iterations/iterations.service';
import { LabsService } from '../labs/labs.service';
import { ObservationsService } from '../observations/observations.service';
import { seesPersonalData, viewerOf } from '../observations/visibility';
import { ParticipantsService } from '../participants/participants.service';
import { ExportsRepository } from './exports.repository';

export const EXPORT_TYPES = [
  'experiments',
  'iterations',
  'hypotheses',
  'hypothesis_events',
  'indicators',
  'observations',
  'participants',
  'attendance',
] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];
const PERSONAL: ExportType[] = ['participants', 'attendance'];

/** Rows as CSV under the named columns: a column that is not a field of the rows does not compile. */
const table = <T extends object>(columns: (keyof T & string)[], rows: T[]): string =>
  toCsv(columns, rows as Record<string, unknown>[]);

/**
 * A lab's data as JSON or CSV, through the same services (and so the same visibility rules) as the
 * screens: stories only for the caller's audience and with quote consent, personal data only for
 * coordinators and partners.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly repo: ExportsRepository,
    private readonly labs: LabsService,
    private readonly experiments: ExperimentsService,
    private readonly iterations: IterationsService,
    private readonly hypotheses: HypothesesService,
    private readonly observations: ObservationsService,
    private readonly participants: ParticipantsService,
  ) {}

  async observationsFor(access: LabAccess) {
    const items = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.observations.list(access, { limit: 200, offset });
      items.push(...page.items);
      if (page.items.length < 200) return items;
    }
  }

  private attendanceRows(labId: number) {
    return this.participants.labAttendance(labId);
  }

  /** Everything the system holds about one participant, machine-readable (AVG/GDPR art. 15 and 20). */
  async personalData(id: number): Promise<Record<string, unknown>> {
    const participant = await this.participants.get(id);
    const [attendance, stories, history] = await Promise.all([
      this.participants.attendedIterations(id),
      this.observations.storiesTold(id),
      this.participants.historyOf(id),
    ]);
    // What the history still holds of their observations, deleted ones too: the system holds it, so the person is told.
    const observationHistory = (await this.observations.historyMentioning(participant.labId, id)).map((h) => ({
      observationId: h.entityId,
      action: h.action,
      changes: h.changes,
      created_at: h.createdAt,
    }));
    const lab = await this.repo.lab(participant.labId);
    return {
      format: 'living-lab-personal-data/1',
      exportedAt: new Date().toISOString(),
      lab: { id: lab.id, name: lab.name, municipality: lab.municipality },
      participant,
      attendance,
      stories,
      invited: await this.participants.countInvitedBy(id),
      history,
      observationHistory,
    };
  }

  async json(access: LabAccess) {
    const personal = seesPersonalData(viewerOf(access));
    const [lab, experiments, iterations, hypotheses, indicators, observations] = await Promise.all([
      this.labs.get(access),
      this.experiments.list(access.labId),
      this.iterations.listForLab(access.labId),
      this.hypotheses.listForLab(access.labId),
      this.observations.indicators(access.labId),
      this.observationsFor(access),
    ]);
    return {
      format: 'living-lab-export/1',
      exportedAt: new Date().toISOString(),
      personalData: personal,
      lab,
      experiments: experiments.items,
      iterations: iterations.items,
      hypotheses: hypotheses.items,
      indicators: indicators.items,
      observations,
      ...(personal
        ? {
            participants: (await this.participants.list(access.labId)).items,
            attendance: await this.attendanceRows(access.labId),
          }
        : {}),
    };
  }

  async csv(access: LabAccess, type: string): Promise<string> {
    if (!(EXPORT_TYPES as readonly string[]).includes(type)) throw Errors.notFound('export type', type);
    if (PERSONAL.includes(type as ExportType) && !seesPersonalData(viewerOf(access)))
      throw Errors.forbidden("Personal data is for the lab's coordinators and partners only.");
    switch (type as ExportType) {
      case 'experiments':
        return table(
          ['id', 'title', 'description', 'workingIngredients', 'scale', 'status', 'iterationCount'],
          (await this.experiments.list(access.labId)).items,
        );
      case 'iterations':
        return table(
          [
            'id',
            'experimentId',
            'number',
            'startsOn',
            'endsOn',
            'plan',
            'act',
            'observe',
            'reflect',
            'decision',
            'decisionReasons',
            'attendeeCount',
          ],
          (await this.iterations.listForLab(access.labId)).items,
        );
      case 'hypotheses':
        return table(
          [
            'id',
            'experimentId',
            'ifWe',
            'then',
            'because',
            'wouldChangeMind',
            'status',
            'deviations',
            'replacesId',
            'createdAt',
          ],
          (await this.hypotheses.listForLab(access.labId)).items,
        );
      case 'hypothesis_events':
        return table(
          ['hypothesisId', 'iterationNumber', 'fromStatus', 'toStatus', 'rationale', 'evidence', 'at'],
          (await this.hypotheses.listForLab(access.labId)).items.flatMap((h) =>
            h.events.map((e) => ({ ...e, hypothesisId: h.id })),
          ),
        );
      case 'indicators':
        return table(
          ['id', 'name', 'unit', 'signalOf', 'measureCount'],
          (await this.observations.indicators(access.labId)).items,
        );
      case 'observations':
        return table(
          [
            'id',
            'kind',
            'experimentId',
            'iterationNumber',
            'observedOn',
            'indicatorName',
            'value',
            'unit',
            'contextNote',
            'storyText',
            'withheld',
            'perspective',
            'participantId',
            'audience',
            'selfReliance',
            'dimensions',
            'hypothesisIds',
          ],
          await this.observationsFor(access),
        );
      case 'participants':
        return table(
          [
            'id',
            'pseudonym',
            'groups',
            'affiliation',
            'contact',
            'invitedByParticipantId',
            'consentParticipation',
            'consentQuote',
            'consentPhoto',
            'consentContact',
            'consentGivenAt',
            'consentWithdrawnAt',
            'consentTextVersion',
            'attendedIterations',
          ],
          (await this.participants.list(access.labId)).items.map((p) => ({
            ...p,
            consentParticipation: p.consent.participation,
            consentQuote: p.consent.quote,
            consentPhoto: p.consent.photo,
            consentContact: p.consent.contact,
            consentGivenAt: p.consent.givenAt,
            consentWithdrawnAt: p.consent.withdrawnAt,
            consentTextVersion: p.consent.textVersion,
          })),
        );
      case 'attendance':
        return table(
          ['iteration_id', 'experiment_id', 'iteration_number', 'participant_id', 'pseudonym'],
          await this.attendanceRows(access.labId),
        );
    }
  }
}
