import type { TodaySlots } from './action-slots';
import { EmailActionButton, SendAllEmails } from '../mail/EmailActions';
import { MessageActionButton } from '../mail/MessageActions';
import { TodayLetterButton, TodayLettersTool } from '../letters/TodayLetterSlots';

/** The channel features' buttons in Today (see action-slots.ts). One line per feature and section. */
export const TODAY_SLOTS: TodaySlots = {
  actionButtons: {
    emails: EmailActionButton,
    messages: MessageActionButton,
    letters: TodayLetterButton,
  },
  sectionTools: {
    emails: SendAllEmails,
    letters: TodayLettersTool,
  },
};
