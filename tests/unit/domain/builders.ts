/**
 * Small builders for domain tests: records with sensible defaults, overridden field by field.
 */
import type {
  CalendarDate,
  Customer,
  FollowUpPolicy,
  FollowUpStep,
  Interaction,
  Invoice,
  PaymentPlan,
  PromiseToPay,
} from '../../../src-renderer/domain/model';

export function aCustomer(id: string, extra: Partial<Customer> = {}): Customer {
  return {
    id,
    name: `Client ${id}`,
    normalizedName: `client ${id}`,
    kind: 'business',
    contacts: [],
    preferredChannel: 'email',
    language: 'fr',
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function anInvoice(id: string, customerId: string, dueDate: CalendarDate, extra: Partial<Invoice> = {}): Invoice {
  return {
    id,
    number: `F-${id}`,
    kind: 'invoice',
    customerId,
    issueDate: '2026-01-01',
    dueDate,
    totalCents: 100_00,
    paidCents: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

let interactionCount = 0;

/** A sent email reminder for a step (or any follow-up when `extra` says so). */
export function anInteraction(invoiceIds: string[], extra: Partial<Interaction> = {}): Interaction {
  interactionCount += 1;
  return {
    id: `interaction-${interactionCount}`,
    customerId: 'c1',
    kind: 'reminder',
    at: '2026-01-01T09:00:00.000Z',
    invoiceIds,
    channel: 'email',
    status: 'sent',
    ...extra,
  };
}

/** The trace of a step done under `policyId` (the kind and channel follow the step's channel). */
export function stepDone(
  invoiceIds: string[],
  stepId: string,
  extra: Partial<Interaction> & { policyId?: string } = {},
): Interaction {
  const channel = extra.channel ?? (stepId === 'phone-call' || stepId === 'second-call' ? 'phone' : stepId === 'formal-notice' ? 'formal-notice' : 'email');
  const kind = channel === 'phone' ? 'call' : channel === 'email' || channel === 'sms' || channel === 'whatsapp' ? 'reminder' : 'letter';
  return anInteraction(invoiceIds, {
    kind,
    channel,
    policyId: 'default',
    stepId,
    tone: stepId === 'courtesy-email' ? 'courtesy' : 'friendly',
    ...(kind === 'call' ? { status: undefined, callOutcome: 'promise' } : {}),
    ...extra,
  });
}

export function aPromise(id: string, customerId: string, invoiceIds: string[], promisedDate: CalendarDate, extra: Partial<PromiseToPay> = {}): PromiseToPay {
  return {
    id,
    customerId,
    invoiceIds,
    promisedDate,
    amountCents: 100_00,
    status: 'pending',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function aPlan(
  id: string,
  customerId: string,
  invoiceIds: string[],
  instalments: Array<[dueDate: CalendarDate, amountCents: number, paidCents: number]>,
  extra: Partial<PaymentPlan> = {},
): PaymentPlan {
  return {
    id,
    customerId,
    invoiceIds,
    downPaymentCents: 0,
    frequency: 'monthly',
    instalments: instalments.map(([dueDate, amountCents, paidCents]) => ({ dueDate, amountCents, paidCents })),
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function aStep(id: string, offsetDays: number, extra: Partial<FollowUpStep> = {}): FollowUpStep {
  return {
    id,
    offsetDays,
    channel: 'email',
    tone: offsetDays < 0 ? 'courtesy' : 'friendly',
    templateId: id,
    newDeadlineDays: 8,
    automatic: false,
    ...extra,
  };
}

export function aPolicy(id: string, steps: FollowUpStep[], extra: Partial<FollowUpPolicy> = {}): FollowUpPolicy {
  return { id, name: `Policy ${id}`, builtIn: false, steps, ...extra };
}
