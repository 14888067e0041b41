import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { csvBatches } from '../common/csv';
import { DomainError, Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db } from '../database/db';
import { PERSPECTIVES } from '../observations/dto/observation.dto';
import { NewObservation, ObservationsService } from '../observations/observations.service';
import { Audience, AUDIENCES, SELF_RELIANCE, SelfReliance } from '../observations/vocabulary';
import { AttendanceMark, NewParticipant, ParticipantsService } from '../participants/participants.service';
import { codeOfMessage } from '../common/field-errors';
import { ImportReportDto } from './dto/import.dto';
import { ImportsRepository } from './imports.repository';

const KIND_ALIASES: Record<string, 'measure' | 'story'> = {
  measure: 'measure',
  meting: 'measure',
  story: 'story',
  verhaal: 'story',
};
const MAX_REJECTED = 1000;
/** Observations per statement of an import: within SQLite's 32,766 parameters. */
const PER_STATEMENT = 500;

/** An imported observation as checked (and shown in the preview). */
type ImportedObservation = NewObservation & { version: number };

export const OBSERVATION_COLUMNS = [
  'kind',
  'experiment',
  'iteration',
  'observed_on',
  'indicator',
  'value',
  'context_note',
  'story_text',
  'perspective',
  'audience',
  'dimensions',
  'self_reliance',
];
export const ATTENDANCE_COLUMNS = ['experiment', 'iteration', 'participant'];
export const PARTICIPANT_COLUMNS = [
  'pseudonym',
  'groups',
  'affiliation',
  'invited_by',
  'consent_participation',
  'consent_quote',
  'consent_photo',
  'consent_contact',
  'consent_text_version',
  'contact',
];
/** Participants a file may add at once (a lab's people, not a data set): checked and shown in full. */
const MAX_PARTICIPANTS = 5000;
const PARTICIPANT_PREVIEW = 200;
const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x']);
const NO = new Set(['nee', 'n', 'no', 'false', '0', '']);
const CONSENTS = ['participation', 'quote', 'photo', 'contact'] as const;

/**
 * What identifies an import, so that a retry (the answer got lost, the button was pressed twice) does not store every
 * row again: the client's Idempotency-Key when it sends one, else the file's SHA-256.
 */
export function importKey(csv: string, idempotencyKey?: string): string {
  return idempotencyKey ? `key:${idempotencyKey}` : `sha256:${createHash('sha256').update(csv).digest('hex')}`;
}

/** A participant of an import's preview: as they will be stored, who brought them by pseudonym. */
type ImportedParticipant = NewParticipant & { invitedBy: string | null };

/** ' of experiment "…"' when a row names one, for a message about its iteration. */
const of = (experiment: string) => (experiment ? ` of experiment "${experiment}"` : '');

/** "2025-03-01", "1-3-2025" and "01/03/2025" (Dutch day-month order) become 2025-03-01; anything else is null. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** "3,5", "3.5" and "1.234,5" are numbers; "" and "abc" are not. */
export function parseNumber(text: string): number | null {
  let t = text.trim().replace(/\s/g, '');
  if (!t) return null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && Math.abs(n) <= 1e12 ? n : null;
}

/** What is wrong with one cell of the file; its field error code is read off the message when it is reported. */
interface RowError {
  row: number;
  field: string;
  message: string;
}

interface LabContext {
  iterations: Map<string, number>;
  experiments: string[];
  indicators: Map<string, number>;
  dimensions: Set<string>;
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly repo: ImportsRepository,
    private readonly observationRecords: ObservationsService,
    private readonly people: ParticipantsService,
  ) {}

  /** Refuses an import this lab has had already (same file, or same Idempotency-Key), also as a preview. */
  private async notRepeated(labId: number, kind: string, key: string): Promise<void> {
    const previous = await this.repo.earlier(labId, kind, key);
    if (!previous) return;
    throw new DomainError(
      'import_repeated',
      409,
      'Already imported',
      `This file was imported into this lab already (${previous.rows} rows, ${previous.importedAt}); nothing was ` +
        'imported again. To import it again on purpose, send a new Idempotency-Key.',
      { previous },
    );
  }

  private async context(labId: number): Promise<LabContext> {
    const [iterations, indicators, dimensions] = await Promise.all([
      this.repo.iterations(labId),
      this.repo.indicators(labId),
      this.repo.valueDimensions(labId),
    ]);
    const experiments = [...new Set(iterations.map((i) => i.experimentTitle.toLowerCase()))];
    const map = new Map<string, number>();
    for (const i of iterations) {
      map.set(`${i.experimentTitle.toLowerCase()}#${i.number}`, i.id);
      // With a single experiment the experiment column may stay empty.
      if (experiments.length === 1) map.set(`#${i.number}`, i.id);
    }
    return {
      iterations: map,
      experiments,
      indicators: new Map(indicators.map((i) => [i.name.trim().toLowerCase(), i.id])),
      dimensions: new Set(dimensions),
    };
  }

  /**
   * The file's data rows, a batch at a time as the file is parsed (see csvBatches), each with its line number and
   * its cells by column name; the header must name the `required` columns.
   */
  private async *rows(
    csv: string,
    required: string[],
  ): AsyncGenerator<{ row: number; get: (name: string) => string }[]> {
    let columns: Map<string, number> | null = null;
    let row = 1;
    for await (const batch of csvBatches(csv)) {
      let first = 0;
      if (!columns) {
        const names = batch[0].map((h) => h.trim().toLowerCase());
        const missing = required.filter((c) => !names.includes(c));
        if (missing.length)
          throw Errors.validation([
            { field: 'file', message: `misses the column(s) ${missing.join(', ')}; expected ${required.join(', ')}` },
          ]);
        columns = new Map(names.map((name, i) => [name, i] as const).reverse());
        first = 1;
      }
      const index = columns;
      const rows = [];
      for (let i = first; i < batch.length; i++) {
        const cells = batch[i];
        rows.push({ row: ++row, get: (name: string) => (cells[index.get(name) ?? -1] ?? '').trim() });
      }
      yield rows;
    }
    if (!columns) throw Errors.validation([{ field: 'file', message: 'is empty' }]);
  }

  /** Keeps the first MAX_REJECTED problems of the file; the rows are counted all the same. */
  private reject(report: ImportReportDto, errors: RowError[]): void {
    for (const error of errors)
      if (report.rejected.length < MAX_REJECTED) report.rejected.push({ ...error, ...codeOfMessage(error.message) });
  }

  private finish(report: ImportReportDto, skipInvalid: boolean): ImportReportDto {
    if (!report.dryRun && report.rejected.length && !skipInvalid) {
      throw new DomainError(
        'import_rejected',
        422,
        'Import rejected',
        `${report.total - report.valid} of ${report.total} rows are not valid; nothing was imported. ` +
          'Fix them, or import the valid rows only.',
        { report: { ...report, imported: 0 } },
      );
    }
    return report;
  }

  /** One row of an observations file: the observation it becomes, or what is wrong with it. */
  private observation(
    access: LabAccess,
    user: AuthUser,
    ctx: LabContext,
    row: number,
    get: (name: string) => string,
  ): { errors: RowError[]; observation?: ImportedObservation } {
    const errors: RowError[] = [];
    const fail = (field: string, message: string) => errors.push({ row, field, message });
    const kind = KIND_ALIASES[get('kind').toLowerCase()];
    if (!kind) fail('kind', 'must be measure or story');
    const observedOn = parseDate(get('observed_on'));
    if (!observedOn) fail('observed_on', 'must be a date such as 2025-03-01');
    let iterationId: number | null = null;
    if (get('iteration')) {
      iterationId = ctx.iterations.get(`${get('experiment').toLowerCase()}#${get('iteration')}`) ?? null;
      if (!iterationId)
        fail(
          'iteration',
          get('experiment')
            ? `no iteration ${get('iteration')} of experiment "${get('experiment')}"`
            : 'name the experiment too: the lab has several',
        );
    }
    let indicatorId: number | null = null;
    let value: number | null = null;
    let storyText: string | null = null;
    let perspective: string | null = null;
    if (kind === 'measure') {
      indicatorId = ctx.indicators.get(get('indicator').toLowerCase()) ?? null;
      if (!indicatorId)
        fail(
          'indicator',
          get('indicator') ? `"${get('indicator')}" is not an indicator of this lab` : 'is required for a measure',
        );
      value = parseNumber(get('value'));
      if (value === null) fail('value', 'must be a number');
    } else if (kind === 'story') {
      storyText = get('story_text') || null;
      if (!storyText) fail('story_text', 'is required for a story');
      else if (storyText.length > 8000) fail('story_text', 'must be at most 8000 characters');
      perspective = get('perspective').toLowerCase() || null;
      if (!perspective || !(PERSPECTIVES as readonly string[]).includes(perspective))
        fail('perspective', `must be one of ${PERSPECTIVES.join(', ')}`);
    }
    const audience = get('audience').toLowerCase() || 'lab';
    if (!(AUDIENCES as readonly string[]).includes(audience))
      fail('audience', `must be one of ${AUDIENCES.join(', ')}`);
    const selfReliance = get('self_reliance').toLowerCase() || null;
    if (selfReliance && !(SELF_RELIANCE as readonly string[]).includes(selfReliance))
      fail('self_reliance', `must be one of ${SELF_RELIANCE.join(', ')}`);
    const dimensions = get('dimensions')
      .split(/[;|]/)
      .map((d) => d.trim())
      .filter(Boolean);
    const unknown = dimensions.filter((d) => !ctx.dimensions.has(d));
    if (unknown.length) fail('dimensions', `not value dimensions of this lab: ${unknown.join(', ')}`);
    const contextNote = get('context_note') || null;
    if (contextNote && contextNote.length > 4000) fail('context_note', 'must be at most 4000 characters');
    if (errors.length) return { errors };
    return {
      errors,
      observation: {
        labId: access.labId,
        kind,
        iterationId,
        observedOn: observedOn!,
        indicatorId,
        value,
        contextNote,
        storyText,
        perspective,
        participantId: null,
        audience: audience as Audience,
        selfReliance: selfReliance as SelfReliance | null,
        dimensions,
        hypothesisIds: [],
        createdBy: user.id,
        version: 1,
      },
    };
  }

  /**
   * Checked in a first pass that keeps only the report (a 60 MB file is never held as rows); written, if it may be, in
   * a second pass over the same file that sends the valid rows to the database in batches (Db.bulk, all or nothing),
   * so that other requests are served while a large file is parsed, checked and written.
   */
  async observations(
    access: LabAccess,
    user: AuthUser,
    csv: string,
    dryRun: boolean,
    skipInvalid: boolean,
    key = importKey(csv),
  ): Promise<ImportReportDto> {
    await this.notRepeated(access.labId, 'observations', key);
    const ctx = await this.context(access.labId);
    const report: ImportReportDto = { dryRun, total: 0, valid: 0, imported: 0, rejected: [], preview: [] };
    for await (const rows of this.rows(csv, ['kind', 'observed_on'])) {
      for (const { row, get } of rows) {
        const { errors, observation } = this.observation(access, user, ctx, row, get);
        report.total++;
        if (!observation) this.reject(report, errors);
        else if (++report.valid <= 10) report.preview.push(observation);
      }
    }
    this.finish(report, skipInvalid);
    if (dryRun || !report.valid) return report;
    await this.repo.bulk(async (exec) => {
      let batch: ImportedObservation[] = [];
      // One statement runs while the next batch is read and checked.
      let running: Promise<void> = Promise.resolve();
      const insert = async () => {
        const statement = this.observationRecords.importBatch(exec, batch);
        batch = [];
        await running;
        // Plain multi-row inserts: a fraction of the memory and time of building 100,000 entities.
        running = statement();
        // Awaited before the next statement or at the end; until then a failure must not count as unhandled.
        running.catch(() => undefined);
      };
      for await (const rows of this.rows(csv, ['kind', 'observed_on'])) {
        for (const { row, get } of rows) {
          const { observation } = this.observation(access, user, ctx, row, get);
          if (observation) batch.push(observation);
          if (batch.length === PER_STATEMENT) await insert();
        }
      }
      if (batch.length) await insert();
      await running;
      await this.history.recordWith(exec, {
        entityType: 'import',
        entityId: access.labId,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { kind: 'observations', rows: report.valid, skipped: report.total - report.valid },
      });
      await this.repo.remember(exec, access.labId, 'observations', key, report.valid);
    });
    return { ...report, imported: report.valid };
  }

  async attendance(
    access: LabAccess,
    user: AuthUser,
    csv: string,
    dryRun: boolean,
    skipInvalid: boolean,
    key = importKey(csv),
  ): Promise<ImportReportDto> {
    await this.notRepeated(access.labId, 'attendance', key);
    const ctx = await this.context(access.labId);
    const participants = await this.repo.participants(access.labId);
    const byName = new Map<string, number[]>();
    for (const p of participants)
      byName.set(p.pseudonym.trim().toLowerCase(), [...(byName.get(p.pseudonym.trim().toLowerCase()) ?? []), p.id]);
    const ids = new Set(participants.map((p) => p.id));
    const report: ImportReportDto = { dryRun, total: 0, valid: 0, imported: 0, rejected: [], preview: [] };
    // At most one per iteration and participant of the lab, however long the file.
    const valid = new Map<string, AttendanceMark>();
    for await (const rows of this.rows(csv, ['iteration', 'participant'])) {
      for (const { row, get } of rows) {
        const errors: RowError[] = [];
        const iterationId = ctx.iterations.get(`${get('experiment').toLowerCase()}#${get('iteration')}`);
        if (!iterationId)
          errors.push({
            row,
            field: 'iteration',
            message: `no iteration ${get('iteration')}${of(get('experiment'))}`,
          });
        const who = get('participant');
        const matches =
          /^\d+$/.test(who) && ids.has(Number(who)) ? [Number(who)] : (byName.get(who.toLowerCase()) ?? []);
        if (matches.length !== 1)
          errors.push({
            row,
            field: 'participant',
            message: matches.length
              ? `"${who}" matches several participants; use their id`
              : `"${who}" is not a participant of this lab`,
          });
        report.total++;
        if (errors.length) this.reject(report, errors);
        else {
          report.valid++;
          valid.set(`${iterationId}:${matches[0]}`, {
            iterationId: iterationId!,
            participantId: matches[0],
            labId: access.labId,
          });
        }
      }
    }
    report.preview = [...valid.values()].slice(0, 10);
    this.finish(report, skipInvalid);
    if (dryRun || !valid.size) return report;
    const list = [...valid.values()];
    await this.db.write(async (tx) => {
      await this.people.addAttendance(tx, list);
      await this.history.record(tx, {
        entityType: 'import',
        entityId: access.labId,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { kind: 'attendance', rows: list.length },
      });
      await this.repo.remember(ImportsRepository.execIn(tx), access.labId, 'attendance', key, list.length);
    });
    return { ...report, imported: list.length };
  }
  /**
   * Participants from a file: each row checked like the participants form (pseudonym, groups separated by ";", who
   * brought them by pseudonym — one of the lab's or one earlier in the file —, consent, contact only with contact
   * consent); a pseudonym the lab or the file already has is a rejected row, so a file imported twice adds no one
   * twice. Written in one transaction, each participant with their own history entry as if added by hand.
   */
  async participants(
    access: LabAccess,
    user: AuthUser,
    csv: string,
    dryRun: boolean,
    skipInvalid: boolean,
  ): Promise<ImportReportDto> {
    const existing = new Map<string, number[]>();
    for (const p of await this.repo.participants(access.labId)) {
      const key = p.pseudonym.trim().toLowerCase();
      existing.set(key, [...(existing.get(key) ?? []), p.id]);
    }
    const report: ImportReportDto = { dryRun, total: 0, valid: 0, imported: 0, rejected: [], preview: [] };
    /** The file's pseudonyms so far: the line they are on, and their place among the valid rows. */
    const inFile = new Map<string, { row: number; index: number | null }>();
    const valid: ImportedParticipant[] = [];
    for await (const rows of this.rows(csv, ['pseudonym'])) {
      for (const { row, get } of rows) {
        report.total++;
        if (report.total > MAX_PARTICIPANTS)
          throw Errors.validation([{ field: 'file', message: `must be at most ${MAX_PARTICIPANTS} rows` }]);
        const errors: RowError[] = [];
        const fail = (field: string, message: string) => errors.push({ row, field, message });
        const pseudonym = get('pseudonym');
        const key = pseudonym.toLowerCase();
        if (!pseudonym) fail('pseudonym', 'is required for a participant');
        else if (pseudonym.length > 120) fail('pseudonym', 'must be at most 120 characters');
        else if (existing.has(key)) fail('pseudonym', `is in this lab already; a pseudonym is used once`);
        else if (inFile.has(key))
          fail('pseudonym', `is on line ${inFile.get(key)!.row} already; a pseudonym is used once`);
        const groups = [
          ...new Set(
            get('groups')
              .split(';')
              .map((g) => g.trim())
              .filter(Boolean),
          ),
        ];
        if (groups.length > 20) fail('groups', 'must be at most 20 groups');
        if (groups.some((g) => g.length > 80)) fail('groups', 'must be at most 80 characters');
        const affiliation = get('affiliation') || null;
        if (affiliation && affiliation.length > 200) fail('affiliation', 'must be at most 200 characters');
        const consent = { participation: false, quote: false, photo: false, contact: false, textVersion: '' };
        for (const what of CONSENTS) {
          const cell = get(`consent_${what}`).toLowerCase();
          if (YES.has(cell)) consent[what] = true;
          else if (!NO.has(cell)) fail(`consent_${what}`, 'must be ja or nee (yes or no)');
        }
        consent.textVersion = get('consent_text_version');
        if (consent.textVersion.length > 40) fail('consent_text_version', 'must be at most 40 characters');
        else if (!consent.textVersion && CONSENTS.some((what) => consent[what]))
          fail('consent_text_version', 'is required for a consent given: which text they agreed to');
        const contact = get('contact') || null;
        if (contact && !consent.contact) fail('contact', 'may only be stored with contact consent');
        else if (contact && contact.length > 254) fail('contact', 'must be at most 254 characters');
        const invitedBy = get('invited_by') || null;
        let invitedByParticipantId: number | null = null;
        let invitedByIndex: number | null = null;
        if (invitedBy) {
          const ids = existing.get(invitedBy.toLowerCase());
          const earlier = inFile.get(invitedBy.toLowerCase());
          if (ids && ids.length > 1)
            fail('invited_by', `is not one participant of this lab: several are called "${invitedBy}"`);
          else if (ids) invitedByParticipantId = ids[0];
          else if (earlier && earlier.index !== null) invitedByIndex = earlier.index;
          else if (earlier) fail('invited_by', `is not a participant of this lab: line ${earlier.row} is not valid`);
          else if (invitedBy.toLowerCase() === key) fail('invited_by', 'is not another participant of this lab');
          else fail('invited_by', `is not a participant of this lab or earlier in the file: "${invitedBy}"`);
        }
        if (pseudonym && !inFile.has(key)) inFile.set(key, { row, index: errors.length ? null : valid.length });
        if (errors.length) {
          this.reject(report, errors);
          continue;
        }
        report.valid++;
        valid.push({
          pseudonym,
          groups,
          affiliation,
          contact,
          invitedByParticipantId,
          invitedByIndex,
          consent,
          invitedBy,
        });
      }
    }
    report.preview = valid.slice(0, PARTICIPANT_PREVIEW).map((p) => ({
      pseudonym: p.pseudonym,
      groups: p.groups,
      affiliation: p.affiliation,
      invitedBy: p.invitedBy,
      consent: p.consent,
      contact: p.contact,
    }));
    this.finish(report, skipInvalid);
    if (dryRun || !valid.length) return report;
    await this.db.write(async (tx) => {
      await this.people.createMany(tx, access, user, valid);
      await this.history.record(tx, {
        entityType: 'import',
        entityId: access.labId,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { kind: 'participants', rows: valid.length, skipped: report.total - report.valid },
      });
    });
    return { ...report, imported: valid.length };
  }
}
