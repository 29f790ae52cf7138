import type { StepAction } from '../domain/planner';
import type { Interaction, IsoInstant } from '../domain/model';
import type { RelanceDatabase } from './database';
import { trailGroups } from './outbox-repo';

/**
 * "Mark as sent" for an SMS or WhatsApp message the shopkeeper sent from their own phone: the
 * message and the step's audit trail, in one transaction. As for emails (outbox-repo.ts), the first
 * row carries the text and lists the invoices at the action's own step; invoices at other steps get a
 * companion row naming it, so each invoice counts one reminder.
 */
export async function recordMessageSent(db: RelanceDatabase, action: StepAction, text: string, to: string, nowIso: IsoInstant): Promise<Interaction[]> {
  if (action.channel !== 'sms' && action.channel !== 'whatsapp') throw new Error(`Not a short message: ${action.channel}`);
  return db.transaction('rw', db.interactions, async () => {
    const [lead, ...others] = trailGroups(action);
    if (!lead) throw new Error('An action without invoices');
    const common = { customerId: action.customerId, kind: 'reminder' as const, channel: action.channel, tone: action.tone, at: nowIso, status: 'sent' as const };
    const message: Interaction = {
      id: crypto.randomUUID(),
      ...common,
      invoiceIds: lead.invoiceIds,
      policyId: lead.policyId,
      stepId: lead.stepId,
      body: text,
      details: { source: 'today', actionKey: action.key, to, sentFrom: 'own-phone', allInvoiceIds: action.invoiceIds.join(',') },
    };
    const companions: Interaction[] = others.map((group) => ({
      id: crypto.randomUUID(),
      ...common,
      invoiceIds: group.invoiceIds,
      policyId: group.policyId,
      stepId: group.stepId,
      details: { source: 'today', actionKey: action.key, messageId: message.id },
    }));
    await db.interactions.bulkAdd([message, ...companions]);
    return [message, ...companions];
  });
}
