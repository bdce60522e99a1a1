/**
 * Where messages go: e-mail over SMTP (nodemailer), SMS as `POST {to, body}` to a gateway, and, for
 * a channel with neither configured, the dev mailbox table.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Trx } from '../db/database.js';
import type { OutboxRow } from '../db/schema.js';
import { iso } from '../shared/clock.js';
import { insertDevMail } from './store.js';
import type { Rendered } from './templates.js';

/** A failed delivery; permanent ones (a 5xx SMTP reply, a 4xx from the gateway) are not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Sender {
  send(trx: Trx, row: OutboxRow, message: Rendered): Promise<void>;
  close?(): void;
}

/** The Message-ID of an outbox row: the same on every attempt, so a resend is recognisably the same. */
export function messageIdOf(row: Pick<OutboxRow, 'id'>, mailFrom: string): string {
  const domain = /@([^>\s]+)/.exec(mailFrom)?.[1] ?? 'rapport.invalid';
  return `<${row.id}.rapport@${domain}>`;
}

const devMailbox: Sender = {
  async send(trx, row, message) {
    await insertDevMail(trx, {
      outbox_id: row.id,
      channel: row.channel,
      to_address: row.recipient,
      subject: message.subject,
      text: message.text,
      links: JSON.stringify(message.links),
      sent_at: iso(new Date()),
    });
  },
};

function classifySmtpError(error: unknown): DeliveryError {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const text = e.message ?? String(error);
  if (typeof e.responseCode === 'number') return new DeliveryError(`SMTP ${e.responseCode}: ${text}`, e.responseCode >= 500);
  return new DeliveryError(`${e.code ?? 'SMTP error'}: ${text}`, false);
}

/** The SMTP connection pool every worker keeps (exported so the delivery benchmark uses the same). */
export const SMTP_POOL = {
  pool: true,
  maxConnections: 5,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

function smtpSender(config: Config): Sender {
  // The options go with the URL in one object: a second argument would be message defaults only.
  const transport = nodemailer.createTransport({ url: config.smtpUrl!, ...SMTP_POOL });
  return {
    async send(_trx, row, message) {
      try {
        await transport.sendMail({
          from: config.mailFrom,
          to: row.recipient,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: messageIdOf(row, config.mailFrom),
          headers: message.unsubscribeUrl ? { 'List-Unsubscribe': `<${message.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
        });
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close: () => transport.close(),
  };
}

function smsGatewaySender(config: Config): Sender {
  const url = config.smsGatewayUrl!;
  return {
    async send(_trx, row, message) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': row.id },
          body: JSON.stringify({ to: row.recipient, body: message.text }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new DeliveryError(`SMS gateway unreachable: ${(error as Error).message}`, false);
      }
      await res.body?.cancel();
      if (res.ok) return;
      throw new DeliveryError(`SMS gateway answered ${res.status}`, res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408);
    },
  };
}

export interface Senders {
  email: Sender;
  sms: Sender;
  close(): void;
}

/** The senders the configuration asks for. */
export function sendersFor(config: Config): Senders {
  const email = config.smtpUrl ? smtpSender(config) : devMailbox;
  const sms = config.smsGatewayUrl ? smsGatewaySender(config) : devMailbox;
  return {
    email,
    sms,
    close: () => {
      email.close?.();
      sms.close?.();
    },
  };
}
