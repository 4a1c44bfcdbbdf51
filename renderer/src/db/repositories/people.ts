import type { Person, Role } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';

export async function listPeople(db: WorkbenchDatabase): Promise<Person[]> {
  return (await db.people.toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

function checkedName(name: string, others: readonly Person[]): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A person needs a name.');
  if (others.some((p) => p.name.toLowerCase() === trimmed.toLowerCase())) throw new Error(`Someone named "${trimmed}" is already in this study.`);
  return trimmed;
}

/** Adds a profile with a random id made here, so profiles made on two machines never share an id. */
export async function addPerson(db: WorkbenchDatabase, name: string, role: Role, now: Date, newId: () => string = () => crypto.randomUUID()): Promise<Person> {
  return db.transaction('rw', db.people, async () => {
    const person: Person = { id: newId(), name: checkedName(name, await db.people.toArray()), role, createdAt: now.toISOString() };
    await db.people.add(person);
    return person;
  });
}

/** A new name or role; the id, and so every label and decision of the person, stays. */
export async function updatePerson(db: WorkbenchDatabase, id: string, patch: { name?: string; role?: Role }): Promise<Person> {
  return db.transaction('rw', db.people, async () => {
    const person = await db.people.get(id);
    if (!person) throw new Error('That person is not in this study.');
    const next = { ...person, ...(patch.role ? { role: patch.role } : {}) };
    if (patch.name !== undefined) next.name = checkedName(patch.name, (await db.people.toArray()).filter((p) => p.id !== id));
    await db.people.put(next);
    return next;
  });
}
