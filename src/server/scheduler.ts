/**
 * The reminder scheduler a province runs with its server: every few minutes it stores the
 * notices due (store `runReminders`: one run at a time across every server on the database,
 * each notice once per person, whatever restarts) and sends the outbox's e-mails through the
 * province's SMTP server (nodemailer), retrying failures. A tick never overlaps itself.
 */
import nodemailer from 'nodemailer';
import { planFramework } from '../core/index.ts';
import { claimMail, markFailed, markSent, runReminders, todayInVietnam, type Store } from '../store/index.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP from PARINDEX_SMTP_URL (`smtp://user:password@host:587`, `smtps://…:465`) with PARINDEX_MAIL_FROM as the sender. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

export interface TickResult {
  ran: boolean;
  notifications: number;
  sent: number;
  failed: number;
}

export interface Scheduler {
  /** One run now (or at `now`, for tests): store what is due, send what waits. */
  tick(now?: number): Promise<TickResult>;
  /** Runs `tick` every `intervalMs` (timer unref'd: it never keeps the process alive). */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  store: Store;
  mailer?: Mailer;
  publicUrl?: string;
  digestHour?: number;
  log?: (line: string) => void;
}

const hourInVietnam = (now: number) => new Date(now + 7 * 3_600_000).getUTCHours();

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, mailer } = options;
  let running: Promise<TickResult> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function run(now: number): Promise<TickResult> {
    const dataset = await store.dataset();
    const stored = await runReminders(store.db, {
      today: todayInVietnam(now),
      hour: hourInVietnam(now),
      mail: mailer !== undefined,
      frameworkOf: (plan) => planFramework(dataset, plan),
      ...(options.digestHour !== undefined && { digestHour: options.digestHour }),
      ...(options.publicUrl && { publicUrl: options.publicUrl }),
    });
    let sent = 0;
    let failed = 0;
    if (mailer) {
      for (let batch = await claimMail(store.db); batch.length; batch = await claimMail(store.db)) {
        for (const mail of batch) {
          try {
            await mailer.send({ to: mail.to, subject: mail.subject, text: mail.body });
            await markSent(store.db, mail.id);
            sent++;
          } catch (error) {
            await markFailed(store.db, mail.id, error instanceof Error ? error.message : String(error));
            failed++;
            options.log?.(`e-mail ${mail.id} to ${mail.to} failed: ${error instanceof Error ? error.message : error}`);
          }
        }
      }
    }
    return { ran: stored.ran, notifications: stored.notifications, sent, failed };
  }

  const scheduler: Scheduler = {
    tick(now = Date.now()) {
      // A tick asked for while one runs waits for it, then runs (what changed meanwhile is seen).
      const previous = running ?? Promise.resolve(undefined);
      const next = previous.catch(() => undefined).then(() => run(now));
      running = next;
      return next.finally(() => {
        if (running === next) running = undefined;
      });
    },
    start(intervalMs) {
      timer = setInterval(() => {
        scheduler.tick().catch((error) => options.log?.(`reminders: ${error instanceof Error ? error.stack : error}`));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
      mailer?.close();
    },
  };
  return scheduler;
}
