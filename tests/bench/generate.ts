import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { hashPassword } from '../../backend/src/auth/password';
import { AppConfig } from '../../backend/src/config/app-config';
import { createDataSource } from '../../backend/src/database/data-source';
import { runMigrations } from '../../backend/src/database/migrate';

/** Dataset sizes: one large municipality on SQLite is a fifth of the national installation. */
export const SCALES = {
  sqlite: { labs: 1_000, iterations: 10_000, observations: 1_000_000, participants: 20_000, contributions: 100_000 },
  small: { labs: 100, iterations: 1_000, observations: 100_000, participants: 2_000, contributions: 10_000 },
};
export type ScaleName = keyof typeof SCALES;
export const BENCH_USER = { email: 'bench@bench.nl', password: 'bench-wachtwoord-lang' };

/** A small, seeded pseudo-random generator (mulberry32), so every run builds the same data. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] };
}

const WORDS = 'buurt samen eten koken kinderen school vrijwilliger gemeente ontmoeting vertrouwen gezondheid straat wijk tafel verhaal buren positief doel uitnodiging jongeren ouderen kerk moskee bibliotheek sport muziek tuin boodschappen telefoon computer eenzaamheid hulp maatje gesprek dialoog vrede armoede budget workshop klas boswachter afval prikker zwerfvuil'.split(' ');
const THEMES = ['encounter', 'self_reliance', 'poverty', 'health', 'education', 'sport', 'culture', 'sustainability', 'loneliness', 'digital'];
const MUNICIPALITIES = ['Utrecht', 'Den Haag', 'Rotterdam', 'Amsterdam', 'Maastricht', 'Zwolle', 'Groningen', 'Eindhoven', 'Tilburg', 'Arnhem', 'Leeuwarden', 'Almere'];
const DIMENSIONS = ['social_contacts', 'trust', 'wellbeing', 'health', 'self_reliance', 'participation', 'safety', 'learning', 'culture'];

/** Builds a benchmark database: real migrations, then bulk inserts with skewed lab sizes, Dutch text and dates over five years. */
export async function generateSqlite(file: string, scaleName: ScaleName, seed = 20261127): Promise<{ seconds: number; rows: Record<string, number> }> {
  const scale = SCALES[scaleName];
  const started = Date.now();
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const ds = createDataSource(AppConfig.fromEnv({ SQLITE_PATH: file, DEMO_DATA: 'false' }));
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  const passwordHash = await hashPassword(BENCH_USER.password);

  const r = random(seed);
  const sentence = (n: number) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
  const day = (offset: number) => new Date(Date.UTC(2021, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');

  // Skewed lab sizes: a few big labs, a long tail of small ones.
  const weights = Array.from({ length: scale.labs }, (_, i) => 1 / Math.pow(i + 1, 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const share = (n: number) => weights.map((w) => Math.max(1, Math.round((n * w) / total)));
  const iterationsPerLab = share(scale.iterations);
  const observationsPerLab = share(scale.observations);
  const participantsPerLab = share(scale.participants);
  const rows: Record<string, number> = {};
  const count = (t: string, n = 1) => (rows[t] = (rows[t] ?? 0) + n);

  db.transaction(() => {
    db.prepare('INSERT INTO users (email, display_name, password_hash, is_admin, locale, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, 1, ?, ?)').run(BENCH_USER.email, 'Bench', passwordHash, 'nl', now, now);
    const insLab = db.prepare('INSERT INTO labs (slug, name, question, aim, municipality, neighbourhood, themes, value_dimensions, status, scale, visibility, cosigned_reflection, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 0, 1, ?, ?)');
    const insExp = db.prepare('INSERT INTO experiments (lab_id, title, description, working_ingredients, scale, status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)');
    const insIt = db.prepare('INSERT INTO iterations (experiment_id, lab_id, number, starts_on, ends_on, plan, act, observe, reflect, decision, decision_reasons, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)');
    const insHyp = db.prepare('INSERT INTO hypotheses (experiment_id, lab_id, if_we, "then", because, would_change_mind, registered, status, replaces_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, NULL, 1, ?, ?)');
    const insEv = db.prepare('INSERT INTO hypothesis_events (hypothesis_id, lab_id, iteration_id, from_status, to_status, rationale, evidence, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 1, ?)');
    const insPart = db.prepare('INSERT INTO participants (lab_id, pseudonym, groups, affiliation, contact, invited_by_participant_id, consent_participation, consent_quote, consent_photo, consent_contact, consent_given_at, consent_withdrawn_at, consent_version, erased_at, version, created_at, updated_at) VALUES (?, ?, ?, NULL, NULL, ?, 1, ?, 0, 0, ?, NULL, ?, NULL, 1, ?, ?)');
    const insAtt = db.prepare('INSERT OR IGNORE INTO attendance (iteration_id, participant_id, lab_id) VALUES (?, ?, ?)');
    const insInd = db.prepare('INSERT INTO indicators (lab_id, name, unit, signal_of, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)');
    const insObs = db.prepare('INSERT INTO observations (lab_id, iteration_id, kind, observed_on, indicator_id, value, context_note, story_text, perspective, participant_id, audience, self_reliance, dimensions, hypothesis_ids, created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?)');
    const insRound = db.prepare("INSERT INTO evaluation_rounds (lab_id, title, period_start, period_end, iteration_ids, prompts, dimensions, contributor_roles, show_after_contributing, status, closed_at, created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'closed', ?, 1, 1, ?, ?)");
    const insUser = db.prepare('INSERT INTO users (email, display_name, password_hash, is_admin, locale, version, created_at, updated_at) VALUES (NULL, ?, NULL, 0, ?, 1, ?, ?)');
    const insContr = db.prepare('INSERT INTO contributions (round_id, user_id, stakeholder_group, show_name, answers, nominated_observation_id, nomination_reason, version, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, NULL, 1, ?, ?)');
    const insAppr = db.prepare('INSERT INTO appreciations (contribution_id, dimension, round_id, stakeholder_group, score) VALUES (?, ?, ?, ?, ?)');
    const insLearning = db.prepare("INSERT INTO learnings (lab_id, title, body, type, themes, maturity, transfer_conditions, status, published_at, created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 'published', ?, 1, 1, ?, ?)");
    const insFts = db.prepare('INSERT INTO learnings_fts (rowid, title, body, extra) VALUES (?, ?, ?, ?)');
    const groups = ['resident', 'volunteer', 'professional', 'partner', 'municipality'];
    let contributionsLeft = scale.contributions;

    for (let l = 0; l < scale.labs; l++) {
      const municipality = r.pick(MUNICIPALITIES);
      const themes = [r.pick(THEMES), r.pick(THEMES)].filter((t, i, a) => a.indexOf(t) === i);
      const labId = Number(insLab.run(`lab-${l}`, `Lab ${l}: ${sentence(3)}`, `Hoe kunnen we ${sentence(8)}?`, sentence(12), municipality, JSON.stringify(themes), JSON.stringify(DIMENSIONS), r.pick(['running', 'scaling', 'exploring']), r.pick(['street', 'neighbourhood', 'city']), l % 10 === 9 ? 'private' : 'public', now, now).lastInsertRowid);
      count('labs');
      const experimentId = Number(insExp.run(labId, `Experiment ${sentence(2)}`, sentence(20), JSON.stringify([r.pick(WORDS), r.pick(WORDS)]), 'street', 'running', now, now).lastInsertRowid);
      count('experiments');
      const hypothesisId = Number(insHyp.run(experimentId, labId, sentence(6), sentence(6), sentence(6), JSON.stringify({ ifWe: 'x', then: 'y', because: 'z', wouldChangeMind: null }), 'testing', now, now).lastInsertRowid);
      const participantIds: number[] = [];
      for (let p = 0; p < participantsPerLab[l]; p++) {
        participantIds.push(Number(insPart.run(labId, `Deelnemer ${l}-${p}`, JSON.stringify([r.pick(['65+', 'jongere', 'ouder', 'nieuwkomer', 'student']), r.pick(['Noord', 'Zuid', 'Oost', 'West'])]), p > 2 && r.next() < 0.3 ? participantIds[r.int(p)] : null, r.next() < 0.8 ? 1 : 0, now, 'v1', now, now).lastInsertRowid));
      }
      count('participants', participantIds.length);
      const iterationIds: number[] = [];
      const start = r.int(1400);
      for (let i = 0; i < iterationsPerLab[l]; i++) {
        const from = start + Math.floor((i * (1825 - start)) / iterationsPerLab[l]);
        const itId = Number(insIt.run(experimentId, labId, i + 1, day(from), day(from + 20), sentence(10), sentence(10), sentence(10), sentence(10), 'continue', sentence(8), now, now).lastInsertRowid);
        iterationIds.push(itId);
        for (let a = 0; a < Math.min(12, participantIds.length); a++) insAtt.run(itId, participantIds[r.int(participantIds.length)], labId);
      }
      count('iterations', iterationIds.length);
      insEv.run(hypothesisId, labId, iterationIds[0], 'open', 'testing', sentence(8), now);
      const indicatorIds = [Number(insInd.run(labId, 'Deelnemers', 'personen', 'bereik', now, now).lastInsertRowid), Number(insInd.run(labId, 'Nieuwe contacten', 'contacten', 'ontmoeting', now, now).lastInsertRowid)];
      const storyIds: number[] = [];
      for (let o = 0; o < observationsPerLab[l]; o++) {
        const itIndex = Math.min(iterationIds.length - 1, Math.floor((o * iterationIds.length) / observationsPerLab[l]));
        const date = day(start + Math.floor((o * (1825 - start)) / observationsPerLab[l]));
        const story = r.next() < 0.3;
        const id = Number(
          insObs.run(
            labId, iterationIds[itIndex], story ? 'story' : 'measure', date, story ? null : indicatorIds[o % 2], story ? null : r.int(60), story ? null : r.next() < 0.7 ? sentence(6) : null,
            story ? sentence(25) : null, story ? r.pick(['resident', 'volunteer', 'professional']) : null, story && r.next() < 0.5 ? participantIds[r.int(participantIds.length)] : null,
            story ? r.pick(['lab', 'municipality', 'public']) : 'public', null, JSON.stringify([r.pick(DIMENSIONS)]), '[]', now, now,
          ).lastInsertRowid,
        );
        if (story && storyIds.length < 50) storyIds.push(id);
      }
      count('observations', observationsPerLab[l]);
      // One closed round per ten iterations, contributions in proportion to the lab's size.
      const rounds = Math.max(1, Math.floor(iterationIds.length / 10));
      const perRound = Math.max(1, Math.round((scale.contributions * weights[l]) / total / rounds));
      for (let k = 0; k < rounds && contributionsLeft > 0; k++) {
        const roundId = Number(insRound.run(labId, `Ronde ${k + 1}`, day(start), day(1825), JSON.stringify(iterationIds.slice(k * 10, k * 10 + 10)), JSON.stringify(['Wat werkte?', 'Wat verraste je?']), JSON.stringify(DIMENSIONS.slice(0, 4)), JSON.stringify(['resident', 'partner']), now, now, now).lastInsertRowid);
        count('evaluation_rounds');
        for (let c = 0; c < perRound && contributionsLeft > 0; c++, contributionsLeft--) {
          const userId = Number(insUser.run(`Bijdrager ${roundId}-${c}`, 'nl', now, now).lastInsertRowid);
          const group = groups[r.int(groups.length)];
          const contributionId = Number(insContr.run(roundId, userId, group, JSON.stringify([{ prompt: 0, text: sentence(8) }]), storyIds.length ? storyIds[r.int(storyIds.length)] : null, now, now).lastInsertRowid);
          for (const d of DIMENSIONS.slice(0, 3)) insAppr.run(contributionId, d, roundId, group, r.next() < 0.1 ? null : 1 + r.int(5));
          count('contributions');
        }
      }
      for (let k = 0; k < 2; k++) {
        const title = `${r.pick(['Begin met', 'Let op', 'Vraag', 'Advies'])} ${sentence(5)}`;
        const body = sentence(60);
        const id = Number(insLearning.run(labId, title, body, r.pick(['working_ingredient', 'pitfall', 'open_question', 'advice']), JSON.stringify(themes), r.pick(['emerging', 'recurring', 'confirmed']), now, now, now).lastInsertRowid);
        if (l % 10 !== 9) insFts.run(id, title, body, `${themes.join(' ')} ${municipality}`);
        count('learnings');
      }
    }
  })();
  db.exec('ANALYZE');
  db.close();
  return { seconds: (Date.now() - started) / 1000, rows };
}
