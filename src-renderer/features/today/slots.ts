import type { TodaySlots } from './action-slots';
import { EmailActionButton, SendAllEmails } from '../mail/EmailActions';
import { MessageActionButton } from '../mail/MessageActions';
import { TodayLetterButton, TodayLettersTool } from '../letters/TodayLetterSlots';
import { CallActionButton, PromiseActionButtons } from '../calls/TodayCallButtons';

/** The channel features' buttons in Today (see action-slots.ts). One line per feature and section. */
export const TODAY_SLOTS: TodaySlots = {
  actionButtons: {
    emails: EmailActionButton,
    messages: MessageActionButton,
    letters: TodayLetterButton,
    calls: CallActionButton,
    promises: PromiseActionButtons,
    instalments: PromiseActionButtons,
    broken: CallActionButton,
  },
  sectionTools: {
    emails: SendAllEmails,
    letters: TodayLettersTool,
  },
};
