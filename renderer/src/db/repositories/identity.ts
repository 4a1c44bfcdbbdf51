import { hiddenRounds, mustProtectBeforeLeaving, switchRule, unblindedRounds, type CodeHolding, type StudyEvent, type SwitchRule } from '../../../../shared/coding/blinding.ts';
import type { Person } from '../../../../shared/model/labels.ts';
import { hashPassphrase, passphraseMatches, passphraseProblem, type PassphraseHash } from '../../platform/passphrase.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/**
 * Who works on this machine, and what they may see (the rules are shared/coding/blinding.ts). The person is a study
 * setting (`whoAmI`, machine-local: a study file carries null); each switch is an entry of the study's log; a
 * passphrase is kept on this machine only (localState), hashed.
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

async function storedPassphrase(db: WorkbenchDatabase, personId: string): Promise<PassphraseHash | undefined> {
  const row = await db.localState.get(passphraseKey(personId));
  return row && 'hash' in row ? row : undefined;
}

export async function peopleWithPassphrase(db: WorkbenchDatabase): Promise<Set<string>> {
  const rows = await db.localState.where('key').between('passphrase:', 'passphrase:\uffff').toArray();
  return new Set(rows.map((r) => r.key.slice('passphrase:'.length)));
}

/** The state the blinding rules read: who is here, the people, the codes held, the unblinded rounds, the passphrases. */
export interface ViewerState {
  me: Person | null;
  people: Person[];
  holdings: CodeHolding[];
  unblinded: Set<number>;
  hidden: Set<number>;
  passphrases: Set<string>;
}

export async function readViewerState(db: WorkbenchDatabase): Promise<ViewerState> {
  return db.transaction('r', [db.settings, db.people, db.labelTallies, db.studyEvents, db.localState], async () => {
    const [settings, people, holdings, events, passphrases] = await Promise.all([db.settings.get('study'), db.people.toArray(), codeHoldings(db), listStudyEvents(db), peopleWithPassphrase(db)]);
    people.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const me = people.find((p) => p.id === settings?.whoAmI) ?? null;
    const unblinded = unblindedRounds(events);
    return { me, people, holdings, unblinded, hidden: hiddenRounds(me, holdings, unblinded), passphrases };
  });
}

/** What a switch to `targetId` would take: free, a passphrase, or refused (why); and whether the current person must protect their view first. */
export async function planSwitch(db: WorkbenchDatabase, targetId: string): Promise<{ rule: SwitchRule; protectFirst: boolean; target: Person }> {
  const state = await readViewerState(db);
  const target = state.people.find((p) => p.id === targetId);
  if (!target) throw new Error('That person is not in this study.');
  const rule = switchRule({ current: state.me, target, holdings: state.holdings, unblinded: state.unblinded, hasPassphrase: (id) => state.passphrases.has(id) });
  const protectFirst =
    state.me !== null && state.me.id !== targetId && mustProtectBeforeLeaving({ current: state.me, holdings: state.holdings, unblinded: state.unblinded, hasPassphrase: state.passphrases.has(state.me.id) });
  return { rule, protectFirst, target };
}

/** Sets (or changes) the passphrase of the person working here now, on this machine. */
export async function setOwnPassphrase(db: WorkbenchDatabase, passphrase: string, current?: string): Promise<void> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new Error(problem);
  const settings = await db.settings.get('study');
  const me = settings?.whoAmI;
  if (!me) throw new Error('Choose who you are first: a passphrase protects your own view.');
  const stored = await storedPassphrase(db, me);
  if (stored && !(current !== undefined && (await passphraseMatches(current, stored)))) throw new Error('Your current passphrase is not that one.');
  const hash = await hashPassphrase(passphrase);
  await db.localState.put({ key: passphraseKey(me), ...hash });
}

/**
 * Starts working as `targetId` on this machine, logged. The rules decide: a target who has a passphrase here needs it;
 * one without needs none only when the switch shows nothing the person at the keyboard could not see already; a
 * person who must protect their view first (a lead, or someone holding codes of a blind round) is asked to.
 */
export async function switchIdentity(db: WorkbenchDatabase, targetId: string, options: { passphrase?: string; now: Date }): Promise<Person> {
  const { rule, protectFirst, target } = await planSwitch(db, targetId);
  if (rule.kind === 'refused') throw new Error(rule.reason);
  if (protectFirst) throw new Error('Set a passphrase for yourself before handing this machine over, so that nobody else can switch to you and see your codes.');
  let withPassphrase = false;
  if (rule.kind === 'passphrase') {
    const stored = await storedPassphrase(db, targetId);
    if (!stored || options.passphrase === undefined || !(await passphraseMatches(options.passphrase, stored))) throw new Error(`That is not ${target.name}'s passphrase.`);
    withPassphrase = true;
  }
  return db.transaction('rw', [db.settings, db.studyEvents], async () => {
    const settings = await db.settings.get('study');
    if (!settings) throw new Error('The study has no settings yet.');
    if (settings.whoAmI === targetId) return target;
    await db.settings.put({ ...settings, whoAmI: targetId });
    await db.studyEvents.add({ id: newId(), at: options.now.toISOString(), kind: 'identity', from: settings.whoAmI, to: targetId, withPassphrase });
    return target;
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

