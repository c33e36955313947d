/**
 * Reminders end to end, on both engines: the province sets a cycle's dates, a unit's officer
 * chooses e-mail, the scheduler runs — and the reminders arrive once each, by e-mail in a real
 * SMTP server started here (smtp-server) and in the app, across a restart of the scheduler and
 * with two schedulers at once; a failed e-mail is retried and visible to the administrator.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { closeAll, testEngines } from '../store/testing.ts';
import { createScheduler, smtpMailer, type Scheduler } from './scheduler.ts';
import { completeSelfAssessmentByApi, startTestServer, type TestServer } from './testing.ts';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port: what it received, in order. */
async function mailServer(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The subject of a received e-mail, decoded (nodemailer writes non-ASCII subjects as RFC 2047 words). */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)![1]!.replace(/\r\n[ \t]/g, ' ');
  return header.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

const CYCLE = 'lai-chau-district-2024';
const ADDRESS = 'tamduong@example.gov.vn';
/** 10:00 in Vietnam on 14/01/2025: the day before the self-assessment is due. */
const DAY_BEFORE = Date.parse('2025-01-14T03:00:00Z');

for (const engine of testEngines()) {
  describe(`reminders and notices on ${engine.name}`, () => {
    let server: TestServer;
    let smtp: Awaited<ReturnType<typeof mailServer>>;
    let admin: Record<string, string>;
    let unit: Record<string, string>;
    let viewer: Record<string, string>;
    let scheduler: Scheduler;
    before(async () => {
      server = await startTestServer(engine);
      smtp = await mailServer();
      admin = await server.login('admin');
      unit = await server.login('tamduong');
      viewer = await server.login('tamduong-view');
      scheduler = createScheduler({ store: server.store, mailer: smtpMailer(smtp.url, 'cchc@example.gov.vn'), publicUrl: 'https://cchc.example.gov.vn' });
    });
    after(async () => {
      // Whatever the set-up started, also when it failed half-way (a server left open keeps the file's process alive).
      await closeAll([() => scheduler?.stop(), () => smtp?.close(), () => server?.close()]);
    });
    const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
    const notices = async (who: Record<string, string>) =>
      (await server.request('GET', '/api/notifications', undefined, who)).body as {
        unread: number;
        items: { kind: string; message: { vi: string }; read: boolean }[];
      };

    test('the province sets the cycle’s dates, checked and audited; everyone reads them', async () => {
      const wrong = await server.request('PUT', `/api/cycles/${CYCLE}/deadlines`, { selfAssessmentDue: '2025-01-15', appraisalDue: '2025-01-10' }, admin);
      assert.equal(wrong.status, 422);
      assert.equal(wrong.body.error.issues[0].field, 'appraisalDue');
      assert.match(wrong.body.error.issues[0].message.vi, /phải sau hạn nộp kết quả tự đánh giá/);
      assert.equal((await server.request('PUT', `/api/cycles/${CYCLE}/deadlines`, { selfAssessmentDue: '2025-01-15' }, unit)).status, 403);
      const set = await server.request('PUT', `/api/cycles/${CYCLE}/deadlines`, { selfAssessmentDue: '2025-01-15', appraisalDue: '2025-02-28' }, admin);
      assert.equal(set.status, 200, JSON.stringify(set.body));
      const read = (await server.request('GET', `/api/cycles/${CYCLE}/deadlines`)).body;
      assert.deepEqual(read.deadlines, { selfAssessmentDue: '2025-01-15', appraisalDue: '2025-02-28' });
      assert.equal(read.labels.selfAssessmentDue.vi, 'Hạn nộp kết quả tự đánh giá');
      const audit = (await server.request('GET', '/api/audit', undefined, admin)).body as { action: string }[];
      assert.ok(audit.some((e) => e.action === 'cycle.deadlines'));
    });

    test('a unit’s officer chooses e-mail per kind; a bad address is refused at its field', async () => {
      const bad = await server.request('PUT', '/api/notifications/settings', { email: 'khong-phai-thu' }, unit);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.issues[0].field, 'email');
      const saved = await server.request(
        'PUT',
        '/api/notifications/settings',
        { email: ADDRESS, channels: { cycleDeadline: 'both', reportDue: 'email', taskOverdue: 'both', returned: 'both' } },
        unit,
      );
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const settings = (await server.request('GET', '/api/notifications/settings', undefined, unit)).body;
      assert.equal(settings.email, ADDRESS);
      assert.equal(settings.kinds.find((k: { kind: string }) => k.kind === 'reportDue').label.vi, 'Báo cáo sắp đến hạn, quá hạn');
    });

    test('the day before: the deadline, a report due tomorrow and an overdue task arrive once each, by e-mail and in the app', async () => {
      const plan = '/api/units/tam-duong/plans/2025';
      const version = (await server.request('GET', plan, undefined, unit)).body.version;
      const report = await server.request(
        'POST',
        `${plan}/reports`,
        { version, report: { name: 'Báo cáo CCHC quý IV năm 2024', kind: 'quarterly', due: '2025-01-15' } },
        unit,
      );
      assert.equal(report.status, 201, JSON.stringify(report.body));
      const task = await server.request(
        'POST',
        `${plan}/tasks`,
        {
          version: report.body.version,
          task: { id: 'ke-hoach-cchc', title: 'Ban hành kế hoạch CCHC năm 2025', department: 'Phòng Nội vụ', deadline: '2025-01-10' },
        },
        unit,
      );
      assert.equal(task.status, 201, JSON.stringify(task.body));

      const first = await scheduler.tick(DAY_BEFORE);
      assert.equal(first.ran, true);
      assert.equal(first.failed, 0);
      // The demo's 2024 plan has overdue tasks and reports of its own: each is one e-mail too, none twice.
      const mails = mailsTo(ADDRESS);
      const subjects = mails.map((m) => subjectOf(m.raw)).sort();
      assert.equal(new Set(subjects).size, subjects.length, 'no e-mail twice');
      assert.equal(first.sent, mails.length);
      assert.ok(
        subjects.some((s) => s.startsWith('Hạn nộp kết quả tự đánh giá của Tam Đường') && s.includes('đến hạn ngày mai, 15/01/2025')),
        subjects.join('\n'),
      );
      assert.ok(
        subjects.some((s) => s.includes('báo cáo «Báo cáo CCHC quý IV năm 2024»')),
        subjects.join('\n'),
      );
      assert.ok(
        subjects.some((s) => s.includes('nhiệm vụ «Ban hành kế hoạch CCHC năm 2025» (chủ trì: Phòng Nội vụ) quá hạn từ 10/01/2025')),
        subjects.join('\n'),
      );
      assert.ok(
        mails.every((m) => m.raw.replace(/=\r\n/g, '').includes('https://cchc.example.gov.vn/#/')),
        'a link back to the screen',
      );

      // In the app: the officer's e-mail-only reports are already read; the viewer (in-app by default) has them all unread.
      const own = await notices(unit);
      const reports = own.items.filter((n) => n.kind === 'reportDue');
      assert.ok(reports.length >= 1 && reports.every((n) => n.read));
      assert.equal(own.unread, own.items.length - reports.length);
      assert.equal((await notices(viewer)).unread, own.items.length);

      // Again, and after a restart (a new scheduler, nothing kept in memory): nothing twice.
      assert.equal((await scheduler.tick(DAY_BEFORE + 3_600_000)).notifications, 0);
      const restarted = createScheduler({ store: server.store, mailer: smtpMailer(smtp.url, 'cchc@example.gov.vn') });
      const again = await restarted.tick(DAY_BEFORE + 7_200_000);
      await restarted.stop();
      assert.deepEqual([again.notifications, again.sent], [0, 0]);
      assert.equal(mailsTo(ADDRESS).length, mails.length);

      const read = await server.request('POST', '/api/notifications/read', {}, unit);
      assert.equal(read.body.marked, own.unread);
      assert.equal((await notices(unit)).unread, 0);
    });

    test('two schedulers at once (two servers) send the missed deadline once', async () => {
      const before = mailsTo(ADDRESS).length;
      const late = Date.parse('2025-01-16T03:00:00Z');
      const other = createScheduler({ store: server.store, mailer: smtpMailer(smtp.url, 'cchc@example.gov.vn') });
      const [a, b] = await Promise.all([scheduler.tick(late), other.tick(late)]);
      await other.stop();
      const added = mailsTo(ADDRESS)
        .slice(before)
        .map((m) => subjectOf(m.raw));
      assert.equal(a.sent + b.sent, added.length, `sent ${a.sent} + ${b.sent}`);
      assert.equal(new Set(added).size, added.length, 'no e-mail twice');
      assert.equal(
        added.filter((s) => /^Hạn nộp kết quả tự đánh giá của Tam Đường.*đã quá hạn 1 ngày \(hạn 15\/01\/2025\)/.test(s)).length,
        1,
        added.join('\n'),
      );
    });

    test('a file returned for explanation is told to the unit with the reason; a failed e-mail is retried and shown to the administrator', async () => {
      await completeSelfAssessmentByApi(server, CYCLE, 'tam-duong', unit);
      assert.equal((await server.request('POST', `/api/cycles/${CYCLE}/units/tam-duong/transitions`, { transition: 'submit' }, unit)).status, 200);
      const appraiser = await server.login('appraiser');
      const returned = await server.request(
        'POST',
        `/api/cycles/${CYCLE}/units/tam-duong/transitions`,
        { transition: 'returnToUnit', reason: 'Thiếu Báo cáo số 1593/BC-UBND ngày 29/12/2023' },
        appraiser,
      );
      assert.equal(returned.status, 200, JSON.stringify(returned.body));

      // The mail server is down for this run: the e-mail waits, with its error.
      const down = createScheduler({ store: server.store, mailer: smtpMailer('smtp://127.0.0.1:9', 'cchc@example.gov.vn') });
      const failing = await down.tick(Date.parse('2025-01-20T03:00:00Z'));
      await down.stop();
      assert.equal(failing.failed, 1);
      const pending = (await server.request('GET', '/api/mail/outbox?status=pending', undefined, admin)).body as {
        subject: string;
        lastError: string;
        attempts: number;
      }[];
      assert.equal(pending.length, 1);
      assert.match(pending[0]!.subject, /Hồ sơ của Tam Đường được trả lại để giải trình, bổ sung: Thiếu Báo cáo số 1593\/BC-UBND/);
      assert.ok(pending[0]!.lastError.length > 0 && pending[0]!.attempts === 1);
      assert.equal((await server.request('GET', '/api/mail/outbox', undefined, unit)).status, 403);
      const inApp = (await notices(unit)).items.find((n) => n.kind === 'returned');
      assert.match(inApp!.message.vi, /Thiếu Báo cáo số 1593\/BC-UBND ngày 29\/12\/2023/);

      // The retry is due (its delay has passed): the next run sends it.
      await server.store.db.query("UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'pending'");
      const retried = await scheduler.tick(Date.parse('2025-01-20T04:00:00Z'));
      assert.equal(retried.sent, 1);
      assert.ok(mailsTo(ADDRESS).some((m) => subjectOf(m.raw).startsWith('Hồ sơ của Tam Đường được trả lại')));
      assert.deepEqual((await server.request('GET', '/api/mail/outbox?status=pending', undefined, admin)).body, []);
    });
  });
}
