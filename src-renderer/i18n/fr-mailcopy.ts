/** French strings of a letter's copy by email (print with copies, "Envoyer par e-mail" in Courriers). Merged into fr.ts under `mailcopy`. */
export const frMailcopy = {
  print: {
    title: 'Imprimer les courriers du jour',
    copies_one: '{{count}} courrier partira aussi par e-mail : le PDF imprimé, avec un message d’accompagnement.',
    copies_other: '{{count}} courriers partiront aussi par e-mail : le PDF imprimé, avec un message d’accompagnement.',
    send_one: 'Envoyer aussi la copie par e-mail',
    send_other: 'Envoyer aussi les copies par e-mail',
    noAddress_one: 'Pas d’adresse e-mail pour {{names}} : ce courrier partira par la poste seulement.',
    noAddress_other: 'Pas d’adresse e-mail pour {{names}} : ces courriers partiront par la poste seulement.',
    notConfigured: 'L’envoi des e-mails n’est pas encore réglé (Réglages) : les copies attendront « À vérifier » dans Aujourd’hui, d’où vous les renverrez une fois l’envoi réglé.',
    confirm: 'Imprimer',
    queued_one: '{{count}} copie mise en envoi par e-mail.',
    queued_other: '{{count}} copies mises en envoi par e-mail.',
    skipped: 'Copie non envoyée à {{customer}} : pas d’adresse e-mail.',
  },
  one: {
    title: 'Courrier pour {{customer}}',
    queued: 'La copie part aussi par e-mail à {{customer}}.',
    noAddress: 'Pas d’adresse e-mail pour {{customer}} : le courrier partira par la poste seulement.',
  },
  due: {
    kindWithCopy: '{{kind}} + copie par e-mail',
  },
  archive: {
    send: 'Envoyer par e-mail',
    sendFor: 'Envoyer par e-mail le courrier à {{customer}}',
    copy: 'Copie par e-mail : {{status}}',
  },
  dialog: {
    title: 'Envoyer le courrier par e-mail à {{customer}}',
    intro: 'Le PDF de ce courrier, tel qu’il a été imprimé, part en pièce jointe avec le message ci-dessous.',
    to: 'Destinataire',
    noAddress: 'Ce client n’a pas d’adresse e-mail : saisissez celle à laquelle envoyer la copie.',
    badAddress: 'Cette adresse e-mail n’est pas valide.',
    subject: 'Objet',
    message: 'Message',
    attachment: 'Pièce jointe : {{file}}',
    already: 'Une copie de ce courrier a déjà été envoyée par e-mail ({{status}}) : elle ne part pas une deuxième fois.',
    send: 'Envoyer',
    queued: 'Copie du courrier mise en envoi à {{address}}.',
    error: 'La copie n’a pas pu être mise en envoi : {{message}}',
  },
};
