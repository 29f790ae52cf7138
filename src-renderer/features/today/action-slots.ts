import type { ComponentType } from 'react';
import type { PlannedAction } from '../../domain/planner';
import type { Customer } from '../../domain/model';

/**
 * Where the channel features (mail, calls, letters) plug their own buttons into the Today list,
 * so that FollowUpList stays one generic list and each feature owns its actions: an email's
 * "review and send", a call's "call now", a letter's "print". Each feature registers its
 * components in `features/today/slots.ts`, the one place that knows them all.
 */

/** The section an action is listed under in Today. */
export type SectionKey = 'emails' | 'messages' | 'calls' | 'letters' | 'decisions' | 'promises' | 'instalments' | 'broken';

export interface ActionSlotProps {
  action: PlannedAction;
  /** Absent only while the customer is being deleted. */
  customer: Customer | undefined;
}

export interface SectionToolsProps {
  /** The actions listed in this section, in display order. */
  actions: readonly PlannedAction[];
  customersById: ReadonlyMap<string, Customer>;
}

export interface TodaySlots {
  /** Buttons shown first on each action of a section (before "Done", "Skip", "Snooze"). */
  actionButtons: Partial<Record<SectionKey, ComponentType<ActionSlotProps>>>;
  /** Tools shown beside a section's title ("send all approved emails", "print today's letters"). */
  sectionTools: Partial<Record<SectionKey, ComponentType<SectionToolsProps>>>;
}
