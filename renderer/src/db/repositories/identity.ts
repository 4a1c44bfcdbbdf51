import { hiddenRounds, leadViewsOpen, mustProtectBeforeLeaving, switchRule, unblindedRounds, type CodeHolding, type StudyEvent, type SwitchRule } from '../../../../shared/coding/blinding.ts';
import type { Person, Role } from '../../../../shared/model/labels.ts';
import { hashPassphrase, passphraseMatches, type PassphraseHash } from '../../platform/passphrase.ts';
import { passphraseProblem } from '../../../../shared/coding/passphraseRules.ts';
import { StudyCatalog, type MachineSetting, type StudyEntry } from '../catalog.ts';
import { WorkbenchDatabase } from '../schema.ts';

/**
 * Who works on this machine, and what they may see (the rules are shared/coding/blinding.ts). The person is a study
 * setting (`whoAmI`, machine-local: a study file carries none); each switch is an entry of the study's log and signs
 * the person before out of every other study on the machine; a passphrase is the machine's (the catalog), hashed, so
 * it protects a person in every copy of a study here.
 */

const newId = () => crypto.randomUUID();
const passphraseKey = (personId: string) => `passphrase:${personId}` as const;

/** How many current codes each coder holds in each round (from the tallies: IndexedDB counts by walking). */
export async function codeHoldings(db: WorkbenchDatabase): Promise<CodeHolding[]> {
  const out = new Map<string, CodeHolding>();
  for (const t of await db.labelTallies.toArray()) {
    const key = `${t.annotatorId}\u0000${t.round}`;
    const h = out.get(key) ?? { annotatorId: t.annotatorId, round: t.round, count: 0 };
    h.count += t.count;
    out.set(key, h);
  }
  return [...out.values()];
}

export function listStudyEvents(db: WorkbenchDatabase): Promise<StudyEvent[]> {
  return db.studyEvents.toArray();
}

async function storedPassphrase(catalog: StudyCatalog, personId: string): Promise<PassphraseHash | undefined> {
  const row = await catalog.machine.get(passphraseKey(personId));
  return row && 'hash' in row ? row : undefined;
}

export async function peopleWithPassphrase(catalog: StudyCatalog): Promise<Set<string>> {
  const rows = await catalog.machine.where('key').between('passphrase:', 'passphrase:\uffff').toArray();
  return new Set(rows.map((r) => r.key.slice('passphrase:'.length)));
}

/** Whether this copy of the study was sent to an annotator (a starter file): nobody becomes a lead here. */
export async function isAnnotatorCopy(db: WorkbenchDatabase): Promise<boolean> {
  return (await db.localState.get('annotatorCopy')) !== undefined;
}

/** The state the blinding rules read: who is here, the people, the codes held, the unblinded rounds, the passphrases. */
export interface ViewerState {
  me: Person | null;
  people: Person[];
  holdings: CodeHolding[];
  unblinded: Set<number>;
  hidden: Set<number>;
  passphrases: Set<string>;
  annotatorCopy: boolean;
}

export async function readViewerState(db: WorkbenchDatabase, catalog: StudyCatalog): Promise<ViewerState> {
  const [state, passphrases] = await Promise.all([
    db.transaction('r', [db.settings, db.people, db.labelTallies, db.studyEvents, db.localState], () =>
      Promise.all([db.settings.get('study'), db.people.toArray(), codeHoldings(db), listStudyEvents(db), isAnnotatorCopy(db)]),
    ),
    peopleWithPassphrase(catalog),
  ]);
  const [settings, people, holdings, events, annotatorCopy] = state;
  people.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const me = people.find((p) => p.id === settings?.whoAmI) ?? null;
  const unblinded = unblindedRounds(events);
  return { me, people, holdings, unblinded, hidden: hiddenRounds(me, holdings, unblinded), passphrases, annotatorCopy };
}

/** What a switch to `targetId` would take: free, a passphrase, or refused (why); and whether the current person must protect their view first. */
export async function planSwitch(db: WorkbenchDatabase, catalog: StudyCatalog, targetId: string): Promise<{ rule: SwitchRule; protectFirst: boolean; target: Person }> {
  const state = await readViewerState(db, catalog);
  const target = state.people.find((p) => p.id === targetId);
  if (!target) throw new Error('That person is not in this study.');
  const rule = switchRule({ current: state.me, target, holdings: state.holdings, unblinded: state.unblinded, hasPassphrase: (id) => state.passphrases.has(id), annotatorCopy: state.annotatorCopy });
  const protectFirst = state.me !== null && state.me.id !== targetId && mustProtectBeforeLeaving({ current: state.me, hasPassphrase: state.passphrases.has(state.me.id) });
  return { rule, protectFirst, target };
}

/** Sets (or changes) the passphrase of the person working here now, on this machine. */
export async function setOwnPassphrase(db: WorkbenchDatabase, catalog: StudyCatalog, passphrase: string, current?: string): Promise<void> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new Error(problem);
  const settings = await db.settings.get('study');
  const me = settings?.whoAmI;
  if (!me) throw new Error('Choose who you are first: a passphrase protects your own view.');
  const stored = await storedPassphrase(catalog, me);
  if (stored && !(current !== undefined && (await passphraseMatches(current, stored)))) throw new Error('Your current passphrase is not that one.');
  const hash = await hashPassphrase(passphrase);
  await catalog.machine.put({ key: passphraseKey(me), ...hash } satisfies MachineSetting);
}

/**
 * Starts working as `targetId` on this machine, logged. The rules decide: a target who has a passphrase here needs it;
 * one without needs none only when the switch shows nothing the person at the keyboard could not see already; whoever
 * hands the machine over sets a passphrase first. The person handing over is signed out of every other study on the
 * machine, so no other study stays open as them.
 */
export async function switchIdentity(db: WorkbenchDatabase, catalog: StudyCatalog, targetId: string, options: { passphrase?: string; now: Date }): Promise<Person> {
  const { rule, protectFirst, target } = await planSwitch(db, catalog, targetId);
  if (rule.kind === 'refused') throw new Error(rule.reason);
  if (protectFirst) throw new Error('Set a passphrase for yourself before handing this machine over, so that nobody else can switch to you and see your codes.');
  let withPassphrase = false;
  if (rule.kind === 'passphrase') {
    const stored = await storedPassphrase(catalog, targetId);
    if (!stored || options.passphrase === undefined || !(await passphraseMatches(options.passphrase, stored))) throw new Error(`That is not ${target.name}'s passphrase.`);
    withPassphrase = true;
  }
  const before = await db.transaction('rw', [db.settings, db.studyEvents], async () => {
    const settings = await db.settings.get('study');
    if (!settings) throw new Error('The study has no settings yet.');
    if (settings.whoAmI === targetId) return null;
    await db.settings.put({ ...settings, whoAmI: targetId });
    await db.studyEvents.add({ id: newId(), at: options.now.toISOString(), kind: 'identity', from: settings.whoAmI, to: targetId, withPassphrase });
    return settings.whoAmI;
  });
  if (before !== null) await signOutElsewhere(catalog, db.name);
  return target;
}

/** Nobody works on the machine's other studies any more (a hand-over): each opens asking who you are. */
async function signOutElsewhere(catalog: StudyCatalog, except: string): Promise<void> {
  const others: StudyEntry[] = (await catalog.studies.toArray()).filter((s) => s.dbName !== except);
  for (const entry of others) {
    const other = new WorkbenchDatabase(entry.dbName);
    try {
      await other.transaction('rw', other.settings, async () => {
        const settings = await other.settings.get('study');
        if (settings?.whoAmI) await other.settings.put({ ...settings, whoAmI: null });
      });
    } finally {
      other.close();
    }
  }
}

/** Throws unless the lead's actions are open to the person here (a lead; anyone where nothing is blind). */
export async function requireLeadViews(db: WorkbenchDatabase, catalog: StudyCatalog, what: string): Promise<Person | null> {
  const state = await readViewerState(db, catalog);
  if (!leadViewsOpen(state.me, state.holdings, state.unblinded)) throw new Error(`${what} is the lead's while a round is blind.`);
  return state.me;
}

/**
 * A role given (or a lead added): a lead's act, logged, and, in a study that has no lead yet (one made before leads
 * existed), anyone's, once: from then on, only a lead gives roles. A role decides what its person sees.
 */
export async function changeRole(db: WorkbenchDatabase, catalog: StudyCatalog, personId: string, role: Role, now: Date): Promise<Person> {
  if (role === 'source') throw new Error('A source comes with its labels (Labels from elsewhere), not by a change of role.');
  const state = await readViewerState(db, catalog);
  const hasLead = state.people.some((p) => p.role === 'lead');
  if (hasLead && state.me?.role !== 'lead') throw new Error('Only a lead gives roles.');
  if (state.annotatorCopy && role === 'lead') throw new Error('This copy of the study was sent to an annotator: leads are chosen on the lead\'s machine.');
  return db.transaction('rw', [db.people, db.studyEvents], async () => {
    const person = await db.people.get(personId);
    if (!person) throw new Error('That person is not in this study.');
    if (person.role === 'source') throw new Error(`${person.name} is a source of labels: their role stays.`);
    if (person.role === role) return person;
    const next = { ...person, role };
    await db.people.put(next);
    await db.studyEvents.add({ id: newId(), at: now.toISOString(), kind: 'role', personId, from: person.role, to: role, by: state.me?.id ?? null });
    return next;
  });
}

/** The lead unblinds a round: from now on everyone may see every code of it (logged; a round is never blinded again). */
export async function unblindRound(db: WorkbenchDatabase, round: number, now: Date): Promise<void> {
  await db.transaction('rw', [db.settings, db.people, db.studyEvents], async () => {
    const settings = await db.settings.get('study');
    const me = settings?.whoAmI ? await db.people.get(settings.whoAmI) : undefined;
    if (me?.role !== 'lead') throw new Error('Only a lead unblinds a round.');
    const events = await db.studyEvents.toArray();
    if (unblindedRounds(events).has(round)) return;
    await db.studyEvents.add({ id: newId(), at: now.toISOString(), kind: 'unblind', round, by: me.id });
  });
}

/** Where a coder left off in a round on this machine. */
export async function readResumePoint(db: WorkbenchDatabase, annotatorId: string, round: number): Promise<string | null> {
  const row = await db.localState.get(`resume:${annotatorId}:${round}`);
  return row && 'incidentId' in row ? row.incidentId : null;
}

export async function saveResumePoint(db: WorkbenchDatabase, annotatorId: string, round: number, incidentId: string): Promise<void> {
  await db.localState.put({ key: `resume:${annotatorId}:${round}`, incidentId });
}
