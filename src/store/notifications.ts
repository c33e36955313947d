/**
 * Reminders and notices stored for people (issue 21): one scheduler run computes, with the core's
 * `remindersDue`, what is due today from the cycles' deadlines, the plans and the audit trail
 * read since the last run, and stores one notification per person and notice — by its key, so a
 * run repeated on another server or after a restart stores nothing twice. A notice a person wants
 * by e-mail also gets a row in the outbox (`mailOutbox.ts`), in the same transaction.
 */
import { remindersDue, readPlan, type Framework, type Message, type Notice, type NoticeKind, type Plan, type TrailEvent } from '../core/index.ts';
import type { Database, Queryable } from './database.ts';
import { takeLock } from './locks.ts';
import type { Shaped } from './tables.ts';

/** Channels a person picks per kind of notice; in the app by default. */
export type Channel = 'inApp' | 'email' | 'both' | 'none';
export interface NotifySettings {
  channels?: Partial<Record<NoticeKind, Channel>>;
  /** One e-mail a day with the day's notices instead of one per notice. */
  digest?: boolean;
}

export interface RunOptions {
  /** Today in the province (YYYY-MM-DD). */
  today: string;
  /** The hour of the day now in the province: the daily digest goes from `digestHour` on. */
  hour: number;
  digestHour?: number;
  /** Whether e-mail can be sent (an SMTP server is configured); otherwise nothing goes to the outbox. */
  mail: boolean;
  /** The framework a plan is measured by, for what a late report costs. */
  frameworkOf?: (plan: Plan) => Framework | undefined;
  /** Address of the app in e-mails (`https://cchc.example.gov.vn`). */
  publicUrl?: string;
}

export interface RunResult {
  /** False when another server was running the scheduler at that moment. */
  ran: boolean;
  notifications: number;
  mails: number;
}

type UserRow = Pick<Shaped<'users', { notify: NotifySettings }>, 'id' | 'role' | 'unit_id' | 'email' | 'notify'>;

export async function runReminders(db: Database, options: RunOptions): Promise<RunResult> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ locked: boolean }>(...takeLock('reminders', 'pg_try_advisory_xact_lock'));
    if (!lock?.locked) return { ran: false, notifications: 0, mails: 0 };
    const notices = remindersDue({
      today: options.today,
      cycles: await cyclesWithDeadlines(tx),
      plans: await plans(tx, options),
      events: await newEvents(tx),
      unitNames: new Map((await tx.query<{ id: string; name: string }>('SELECT id, name FROM units')).map((u) => [u.id, u.name])),
    });
    const users = await tx.query<UserRow>('SELECT id, role, unit_id, email, notify FROM users WHERE NOT disabled');
    let notifications = 0;
    let mails = 0;
    for (const notice of notices) {
      for (const user of users.filter((u) => concerns(notice, u))) {
        const channel = user.notify.channels?.[notice.kind] ?? 'inApp';
        if (channel === 'none') continue;
        const email = channel === 'email' || channel === 'both';
        // Stored for every channel (the record that it was sent); read already when it goes by e-mail only.
        const [stored] = await tx.query<{ id: bigint }>(
          `INSERT INTO notifications (user_id, key, kind, message, link, read_at) VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END)
           ON CONFLICT (user_id, key) DO NOTHING RETURNING id`,
          [user.id, notice.key, notice.kind, JSON.stringify(notice.message), notice.link, channel === 'email'],
        );
        if (!stored) continue;
        notifications++;
        if (email && options.mail && user.email && !user.notify.digest) {
          await tx.query('INSERT INTO mail_outbox (key, user_id, to_address, subject, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING', [
            `notice:${stored.id}`,
            user.id,
            user.email,
            subjectOf(notice.message),
            bodyOf([notice], options.publicUrl),
          ]);
          mails++;
        }
      }
    }
    if (options.mail && options.hour >= (options.digestHour ?? 7)) mails += await digests(tx, options);
    return { ran: true, notifications, mails };
  });
}

function concerns(notice: Notice, user: UserRow): boolean {
  if (!(notice.audience.roles as string[]).includes(user.role)) return false;
  return !notice.audience.unitId || user.unit_id === notice.audience.unitId;
}

const subjectOf = (message: Message) => (message.vi.length > 120 ? `${message.vi.slice(0, 117)}…` : message.vi);

function bodyOf(notices: { message: Message; link: string }[], publicUrl?: string): string {
  const lines = notices.map((n) => `- ${n.message.vi}${publicUrl ? `\n  ${publicUrl.replace(/\/$/, '')}/${n.link}` : ''}`);
  return `${lines.join('\n')}\n\n(Thư tự động. Chọn cách nhận thông báo trong mục Thông báo của ứng dụng.)\n`;
}

/** One e-mail a day per person who asked for a digest: the day's notices of the kinds they want by e-mail. */
async function digests(tx: Queryable, options: RunOptions): Promise<number> {
  const users = await tx.query<UserRow>(
    "SELECT id, role, unit_id, email, notify FROM users WHERE NOT disabled AND email IS NOT NULL AND (notify->>'digest')::boolean",
  );
  let sent = 0;
  for (const user of users) {
    const kinds = Object.entries(user.notify.channels ?? {})
      .filter(([, c]) => c === 'email' || c === 'both')
      .map(([k]) => k);
    if (!kinds.length) continue;
    const rows = await tx.query<{ message: Message; link: string }>(
      "SELECT message, link FROM notifications WHERE user_id = $1 AND kind = ANY($2::text[]) AND created_at > now() - interval '1 day' ORDER BY id",
      [user.id, kinds],
    );
    if (!rows.length) continue;
    const [row] = await tx.query<{ id: bigint }>(
      'INSERT INTO mail_outbox (key, user_id, to_address, subject, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING id',
      [
        `digest:${user.id}:${options.today}`,
        user.id,
        user.email,
        `Thông báo ngày ${options.today.split('-').reverse().join('/')} (${rows.length})`,
        bodyOf(rows, options.publicUrl),
      ],
    );
    if (row) sent++;
  }
  return sent;
}

async function cyclesWithDeadlines(tx: Queryable) {
  const cycles = await tx.query<{ id: string; year: number; phase: string; deadlines: Record<string, string> }>(
    "SELECT id, year, phase, deadlines FROM cycles WHERE phase <> 'published' AND deadlines <> '{}'::jsonb",
  );
  return Promise.all(
    cycles.map(async (c) => ({
      ...c,
      units: await tx.query<{ unit: string; name: string; state: string }>(
        'SELECT r.unit_id AS unit, u.name, r.state FROM unit_results r JOIN units u ON u.id = r.unit_id WHERE r.cycle_id = $1 ORDER BY r.position',
        [c.id],
      ),
    })),
  );
}

async function plans(tx: Queryable, options: RunOptions): Promise<{ plan: Plan; unitName: string; framework?: Framework }[]> {
  const rows = await tx.query<{ unit_id: string; year: number; document: unknown; name: string }>(
    'SELECT p.unit_id, p.year, p.document, u.name FROM plans p JOIN units u ON u.id = p.unit_id',
  );
  return rows.flatMap((r) => {
    try {
      const plan = readPlan(r.document);
      const framework = options.frameworkOf?.(plan);
      return [{ plan, unitName: r.name, ...(framework && { framework }) }];
    } catch {
      return []; // a stored plan is validated when written; one that no longer reads reminds of nothing
    }
  });
}

/** The audit entries appended since the last run; the first run starts from the trail's end (no notices for the past). */
async function newEvents(tx: Queryable): Promise<TrailEvent[]> {
  const [head] = await tx.query<{ sequence: bigint | null }>('SELECT max(sequence) AS sequence FROM audit_log');
  const end = head?.sequence ?? 0n;
  const [state] = await tx.query<{ value: string }>("SELECT value FROM scheduler_state WHERE name = 'audit'");
  await tx.query("INSERT INTO scheduler_state (name, value) VALUES ('audit', $1) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", [String(end)]);
  if (!state) return [];
  const rows = await tx.query<{ sequence: bigint; action: string; subject: string; reason: string | null; after: unknown }>(
    "SELECT sequence, action, subject, reason, after FROM audit_log WHERE sequence > $1 AND sequence <= $2 AND (action LIKE 'assessment.%' OR action LIKE 'publication.%') ORDER BY sequence",
    [state.value, String(end)],
  );
  return rows.map((r) => ({ sequence: Number(r.sequence), action: r.action, subject: r.subject, reason: r.reason, after: r.after }));
}
