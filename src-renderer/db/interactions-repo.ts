import Dexie from 'dexie';
import type { Interaction } from '../domain/model';
import type { RelanceDatabase } from './database';

export type InteractionInput = Omit<Interaction, 'id'> & { id?: string };

/** Adds an entry to a customer's timeline. A repeated `idempotencyKey` fails (unique index): that is the point. */
export function addInteraction(db: RelanceDatabase, input: InteractionInput): Promise<Interaction> {
  return db.transaction('rw', db.interactions, async () => {
    const interaction: Interaction = { ...input, id: input.id ?? crypto.randomUUID() };
    await db.interactions.add(interaction);
    return interaction;
  });
}

/** A customer's timeline, newest first (uses the [customerId+at] index). */
export function listInteractionsForCustomer(db: RelanceDatabase, customerId: string): Promise<Interaction[]> {
  return db.interactions
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .toArray();
}
