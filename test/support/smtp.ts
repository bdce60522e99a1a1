/** A real SMTP server on loopback (smtp-server), whose replies a test can script, and an SMS gateway. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  mail: ParsedMail;
  raw: string;
}

/** Decides the reply to each message: undefined accepts it, a number rejects it with that code. */
export type Scripted = (to: string, attempt: number) => number | undefined;

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  readonly attempts = new Map<string, number>();
  script: Scripted = () => undefined;
  #server: SMTPServer | undefined;
  port = 0;

  async start(port = 0): Promise<this> {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Stopping drops the senders' pooled connections at once, as a server going down would.
      closeTimeout: 100,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          const attempt = (this.attempts.get(to) ?? 0) + 1;
          this.attempts.set(to, attempt);
          const code = this.script(to, attempt);
          if (code !== undefined) {
            const error = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & { responseCode: number };
            error.responseCode = code;
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then((mail) => {
            this.received.push({ to, mail, raw });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject);
      this.#server!.listen(port, '127.0.0.1', () => resolve());
    });
    // A client that dies mid-conversation (a killed worker) resets its connection: not our error.
    this.#server.on('error', () => {});
    this.port = (this.#server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface ReceivedSms {
  to: string;
  body: string;
}

/** An HTTP server standing in for an SMS gateway: it records `POST {to, body}` and answers `status`. */
export class TestSmsGateway {
  readonly received: ReceivedSms[] = [];
  status = 200;
  #server: Server | undefined;
  port = 0;

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        if (this.status < 300) this.received.push(JSON.parse(data) as ReceivedSms);
        res.writeHead(this.status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/sms`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
