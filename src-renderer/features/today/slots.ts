import type { TodaySlots } from './action-slots';

/** The channel features' buttons in Today (see action-slots.ts). One line per feature and section. */
export const TODAY_SLOTS: TodaySlots = {
  actionButtons: {},
  sectionTools: {},
};
