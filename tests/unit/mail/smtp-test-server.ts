import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** The self-signed certificate of the tests (see fixtures/README.md). */
export const TEST_CERT = readFileSync(join(import.meta.dirname, 'fixtures', 'test-cert.pem'));
export const TEST_KEY = readFileSync(join(import.meta.dirname, 'fixtures', 'test-key.pem'));

export interface ReceivedMessage {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  secure: boolean;
  user: string | null;
}

export interface TestServerOptions {
  port?: number;
  /** `{ user: password }`: AUTH is offered and required. */
  users?: Record<string, string>;
  /** Recipients refused at RCPT TO with 550. */
  refuseRecipients?: string[];
  /** A slow server: waits this long before its answer to the end of DATA. */
  answerDelayMs?: number;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server), keeping what it receives, parsed with mailparser.
 * `failNext(code, message)` makes the next messages fail at the end of DATA with that reply.
 */
export async function startTestServer(options: TestServerOptions = {}) {
  const received: ReceivedMessage[] = [];
  const failures: { code: number; message: string }[] = [];
  const users = options.users;
  const server = new SMTPServer({
    key: TEST_KEY,
    cert: TEST_CERT,
    allowInsecureAuth: true,
    authOptional: !users,
    ...(users ? {} : { disabledCommands: ['AUTH'] }),
    logger: false,
    onAuth(auth, _session, callback) {
      if (users && auth.username !== undefined && users[auth.username] === auth.password) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onRcptTo(address, _session, callback) {
      if (options.refuseRecipients?.includes(address.address)) {
        const error: SMTPServerError = new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`);
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failure = failures.shift();
        if (failure) {
          const error: SMTPServerError = new Error(failure.message);
          error.responseCode = failure.code;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
              secure: session.secure,
              user: typeof session.user === 'string' ? session.user : null,
            });
            const answer = () => callback(null, `OK queued as ${received.length}`);
            if (options.answerDelayMs) setTimeout(answer, options.answerDelayMs);
            else answer();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    failNext(code: number, message: string, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push({ code, message });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A port nothing listens on (taken, then freed). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never says anything (for timeouts). */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
