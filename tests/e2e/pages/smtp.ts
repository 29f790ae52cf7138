import { expect, type Page } from '@playwright/test';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface TestSmtp {
  port: number;
  /** Every message whose data reached the server, parsed (a held one included). */
  received: ParsedMail[];
  refuseNext: () => void;
  /** With `holdFirst`: the first message, once its data has arrived (never answered). */
  firstHeld: Promise<ParsedMail>;
  close: () => Promise<void>;
}

/**
 * A real SMTP server on a free loopback port, keeping every message it receives, parsed. With
 * `holdFirst`, the first message is kept but never answered (no 250): the sender is left waiting,
 * as when the process is killed between handing the message over and hearing the server's answer.
 */
export async function startSmtp({ holdFirst = false } = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let refuse = false;
  let hold = holdFirst;
  let onHeld: (mail: ParsedMail) => void = () => {};
  const firstHeld = new Promise<ParsedMail>((resolve) => (onHeld = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          if (refuse) {
            refuse = false;
            callback(Object.assign(new Error('5.7.1 Message refused by local policy'), { responseCode: 554 }));
            return;
          }
          received.push(parsed);
          if (hold) {
            hold = false;
            onHeld(parsed);
            return;
          }
          callback(null, `OK queued as ${received.length}`);
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    refuseNext: () => {
      refuse = true;
    },
    firstHeld,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const toOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((v) => v.address));

/** Fills and saves the settings' sending section for the test server on loopback. */
export async function configureSmtp(page: Page, port: number) {
  const section = page.getByRole('region', { name: 'Envoi des e-mails' });
  await expect(section.getByText(/Dans le navigateur, le mot de passe n’est pas chiffré/)).toBeVisible();
  // A provider fills server, port and security...
  await section.getByRole('combobox', { name: 'Fournisseur' }).click();
  await page.getByRole('option', { name: 'Orange' }).click();
  await expect(section.getByRole('textbox', { name: 'Serveur d’envoi (SMTP)' })).toHaveValue('smtp.orange.fr');
  await expect(section.getByRole('textbox', { name: 'Port' })).toHaveValue('465');
  // ...then the test's own server on loopback, without TLS.
  await section.getByRole('textbox', { name: 'Serveur d’envoi (SMTP)' }).fill('127.0.0.1');
  await section.getByRole('textbox', { name: 'Port' }).fill(String(port));
  await section.getByRole('combobox', { name: 'Sécurité de la connexion' }).click();
  await page.getByRole('option', { name: 'Aucune (déconseillé)' }).click();
  await section.getByRole('textbox', { name: 'Identifiant' }).fill('');
  await section.getByRole('textbox', { name: 'Nom de l’expéditeur' }).fill('Boulangerie Martin');
  await section.getByRole('textbox', { name: 'Adresse de l’expéditeur' }).fill('contact@boulangerie-martin.fr');
  await section.getByRole('textbox', { name: 'Signature' }).fill('Sophie Martin — Boulangerie Martin');
  await section.getByRole('button', { name: 'Enregistrer les réglages d’envoi' }).click();
  await expect(page.getByText('Réglages d’envoi enregistrés.')).toBeVisible();
  return section;
}

