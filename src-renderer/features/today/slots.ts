import type { TodaySlots } from './action-slots';
import { CallActionButton, PromiseActionButtons } from '../calls/TodayCallButtons';

/** The channel features' buttons in Today (see action-slots.ts). One line per feature and section. */
export const TODAY_SLOTS: TodaySlots = {
  actionButtons: {
    calls: CallActionButton,
    promises: PromiseActionButtons,
    instalments: PromiseActionButtons,
    broken: CallActionButton,
  },
  sectionTools: {},
};
