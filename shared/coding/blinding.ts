import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../files/schemaTypes.ts';
import { RoleSchema, type Person } from '../model/labels.ts';

/**
 * Blind coding that does not depend on coders not looking (convention 14: the rules live here, the screens render
 * them). Until the lead unblinds a round, an annotator sees only their own codes of it: the lead's screens
 * (agreement, resolution, analysis, label exports, codebook changes that say whose labels move) show nothing of the
 * round to them, and switching to another person on a shared machine never shows codes the one at the keyboard could
 * not already see, unless that person's passphrase is given.
 *
 * What a study records of this is an append-only log of events (convention 16): who started working on this machine
 * as whom, and which rounds the lead unblinded.
 */
const Id = Type.String({ minLength: 1 });
const Instant = Type.String({ format: 'date-time' });

export const IdentityEventSchema = Type.Object(
  {
    id: Id,
    at: Instant,
    kind: Type.Literal('identity'),
    from: Nullable(Type.String({ minLength: 1 }), { description: 'Who worked on this machine before (a person id); null for the first choice.' }),
    to: Id,
    withPassphrase: Type.Boolean({ description: 'The switch was confirmed with the passphrase of the person switched to.' }),
  },
  { additionalProperties: false, description: 'Someone started working on this machine as `to`.' },
);

export const UnblindEventSchema = Type.Object(
  { id: Id, at: Instant, kind: Type.Literal('unblind'), round: Type.Integer({ minimum: 1 }), by: Id },
  { additionalProperties: false, description: 'The lead unblinded a round: from now on everyone may see every code of it.' },
);

export const RoleEventSchema = Type.Object(
  {
    id: Id,
    at: Instant,
    kind: Type.Literal('role'),
    personId: Id,
    from: RoleSchema,
    to: RoleSchema,
    by: Nullable(Type.String({ minLength: 1 }), { description: 'Who gave the role (a lead; null in a study that had no lead yet).' }),
  },
  { additionalProperties: false, description: 'A person was given another role (a role decides what they see).' },
);

export const StudyEventSchema = Type.Union([IdentityEventSchema, UnblindEventSchema, RoleEventSchema], {
  title: 'StudyEvent',
  description: 'One entry of a study\'s log: identity switches on a machine, unblinded rounds, roles given.',
});
export type StudyEvent = Static<typeof StudyEventSchema>;
export type IdentityEvent = Static<typeof IdentityEventSchema>;

/** How many current codes a coder holds in a round (the label tallies, summed over dimensions). */
export interface CodeHolding {
  annotatorId: string;
  round: number;
  count: number;
}

export function unblindedRounds(events: Iterable<StudyEvent>): Set<number> {
  const out = new Set<number>();
  for (const e of events) if (e.kind === 'unblind') out.add(e.round);
  return out;
}

/** Codes held in rounds that are still blind, as `annotatorId \0 round` keys. */
function blindHoldings(holdings: Iterable<CodeHolding>, unblinded: ReadonlySet<number>): Set<string> {
  const out = new Set<string>();
  for (const h of holdings) if (h.count > 0 && !unblinded.has(h.round)) out.add(`${h.annotatorId}\u0000${h.round}`);
  return out;
}

/** The blind codes a person sees: a lead every one, anyone else only their own. */
function revealedTo(person: Person | null, blind: ReadonlySet<string>): Set<string> {
  if (person === null) return new Set();
  if (person.role === 'lead') return new Set(blind);
  return new Set([...blind].filter((key) => key.startsWith(`${person.id}\u0000`)));
}

/**
 * The rounds whose codes `viewer` may not all see: none for a lead; for anyone else (or no one), each round not
 * unblinded in which someone else holds codes.
 */
export function hiddenRounds(viewer: Person | null, holdings: Iterable<CodeHolding>, unblinded: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  if (viewer?.role === 'lead') return out;
  for (const h of holdings) if (h.count > 0 && !unblinded.has(h.round) && h.annotatorId !== viewer?.id) out.add(h.round);
  return out;
}

/** Whether the viewer may see every code held here now (a copy or a study file of the study would show no more). */
export const seesEveryCode = (hidden: ReadonlySet<number>) => hidden.size === 0;

/**
 * Whether the lead's screens and actions (agreement, resolution, analysis, label exports and imports, codebook changes,
 * rounds, roles, assignments) are open to the viewer: always to a lead; to anyone else only where nothing is blind
 * (no codes yet, or every round with codes unblinded), so an annotator never reads them in a blind round, even on a
 * machine that holds only their own codes.
 */
export function leadViewsOpen(viewer: Person | null, holdings: Iterable<CodeHolding>, unblinded: ReadonlySet<number>): boolean {
  if (viewer?.role === 'lead') return true;
  for (const h of holdings) if (h.count > 0 && !unblinded.has(h.round)) return false;
  return true;
}

export type SwitchRule = { kind: 'free' } | { kind: 'passphrase' } | { kind: 'refused'; reason: string };

const roundList = (rounds: Iterable<number>) => {
  const list = [...new Set(rounds)].sort((a, b) => a - b);
  return `${list.length === 1 ? 'round' : 'rounds'} ${list.join(', ')}`;
};

/** The rounds that hold codes and are still blind (what a lead sees and nobody else may). */
export function blindRounds(holdings: Iterable<CodeHolding>, unblinded: ReadonlySet<number>): number[] {
  const rounds = new Set<number>();
  for (const h of holdings) if (h.count > 0 && !unblinded.has(h.round)) rounds.add(h.round);
  return [...rounds].sort((a, b) => a - b);
}

/**
 * Whether the machine's person may become `target`. With the target's passphrase (set on this machine) whenever they
 * have one; without one only when the target would see no blind code the current person cannot see already (a lead
 * sees every code, so becoming a lead needs the lead's passphrase as soon as any code is blind, even one's own). No
 * one chosen yet sees nothing: the first choice on a machine is free only where the target would see nothing blind.
 * Sources of labels (data sets, models) are never someone at a keyboard; on a copy of the study the lead sent to an
 * annotator (a starter file), nobody becomes a lead.
 */
export function switchRule(input: {
  current: Person | null;
  target: Person;
  holdings: Iterable<CodeHolding>;
  unblinded: ReadonlySet<number>;
  hasPassphrase: (personId: string) => boolean;
  /** This machine's copy was sent to an annotator (a starter file): the lead works elsewhere. */
  annotatorCopy?: boolean;
}): SwitchRule {
  const { current, target } = input;
  if (target.role === 'source') return { kind: 'refused', reason: `${target.name} is a source of labels (a data set or a model), not someone who works here.` };
  if (current?.id === target.id) return { kind: 'free' };
  if (target.role === 'lead' && input.annotatorCopy) return { kind: 'refused', reason: `This copy of the study was sent to an annotator: ${target.name} leads the study on the lead's own machine, not here.` };
  if (input.hasPassphrase(target.id)) return { kind: 'passphrase' };
  const holdings = [...input.holdings];
  const blind = blindHoldings(holdings, input.unblinded);
  const mine = revealedTo(current, blind);
  // A lead's views (agreement, unblinding, roles) are closed to everyone else while anything is blind, one's own codes
  // included: becoming a lead is never free then.
  const theirs = target.role === 'lead' && current?.role !== 'lead' ? [...blind] : [...revealedTo(target, blind)].filter((key) => !mine.has(key));
  if (theirs.length === 0) return { kind: 'free' };
  const rounds = roundList(theirs.map((key) => Number(key.split('\u0000')[1])));
  const why =
    target.role === 'lead'
      ? `${target.name} is a lead and sees every code, and codes of ${rounds} are still blind`
      : `${target.name} has codes in ${rounds}, which ${theirs.length === 1 ? 'is' : 'are'} still blind`;
  return { kind: 'refused', reason: `${why}: switching to ${target.name} needs ${target.name}'s passphrase, and ${target.name} has none on this machine. ${target.name} sets one when handing the machine over.` };
}

/**
 * Whether the person at the keyboard must set a passphrase before handing the machine to someone else: always, when
 * they have none here. Without one nobody (not even they) could switch back to them once they hold blind codes, and
 * a lead sees every code.
 */
export function mustProtectBeforeLeaving(input: { current: Person | null; hasPassphrase: boolean }): boolean {
  return input.current !== null && !input.hasPassphrase;
}

/** The identity switches of the log, newest first, for the lead to read. */
export function identityLog(events: Iterable<StudyEvent>): IdentityEvent[] {
  return [...events].filter((e): e is IdentityEvent => e.kind === 'identity').sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1));
}
