import type { frMailcopy } from './fr-mailcopy';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English strings of a letter's copy by email, same keys as fr-mailcopy.ts. Merged into en.ts under `mailcopy`. */
export const enMailcopy: Shape<typeof frMailcopy> = {
  print: {
    title: 'Print today’s letters',
    copies_one: '{{count}} letter will also go by email: the printed PDF, with a covering message.',
    copies_other: '{{count}} letters will also go by email: the printed PDF, with a covering message.',
    send_one: 'Also send the copy by email',
    send_other: 'Also send the copies by email',
    noAddress_one: 'No email address for {{names}}: this letter will go by post only.',
    noAddress_other: 'No email address for {{names}}: these letters will go by post only.',
    notConfigured: 'Sending emails is not set up yet (Settings): the copies will wait as “Needs attention” in Today, where you send them again once sending is set up.',
    confirm: 'Print',
    queued_one: '{{count}} copy queued for sending by email.',
    queued_other: '{{count}} copies queued for sending by email.',
    skipped: 'Copy not sent to {{customer}}: no email address.',
  },
  one: {
    title: 'Letter for {{customer}}',
    queued: 'The copy also goes by email to {{customer}}.',
    noAddress: 'No email address for {{customer}}: the letter will go by post only.',
  },
  due: {
    kindWithCopy: '{{kind}} + copy by email',
  },
  archive: {
    send: 'Send by email',
    sendFor: 'Send {{customer}}’s letter by email',
    copy: 'Copy by email: {{status}}',
  },
  dialog: {
    title: 'Send the letter by email to {{customer}}',
    intro: 'This letter’s PDF, as it was printed, is attached to the message below.',
    to: 'Recipient',
    noAddress: 'This customer has no email address: enter the one to send the copy to.',
    badAddress: 'This email address is not valid.',
    subject: 'Subject',
    message: 'Message',
    attachment: 'Attachment: {{file}}',
    already: 'A copy of this letter was already sent by email ({{status}}): it does not go a second time.',
    send: 'Send',
    queued: 'Copy of the letter queued for sending to {{address}}.',
    error: 'The copy could not be queued: {{message}}',
  },
};
