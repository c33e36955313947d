/**
 * The user guides in Vietnamese (docs/huong-dan/): their pictures are taken here, by the same
 * browser suite that tests the screens, so they are regenerated when the screens change; and
 * the guides are checked against the app — a picture no screen makes, or an address of a screen
 * the app no longer has, fails.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { projectRoot } from '../../src/io/dataFolder.ts';
import { completeSelfAssessmentByApi } from '../../src/server/testing.ts';
import { guidesToPdf } from '../../scripts/guide-pdf.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { GUIDE_FOLDER, GUIDE_IMAGES, GUIDE_SHOTS, SCENE_SHOTS } from './guideShots.ts';
import { browserSuite } from './suite.ts';

const folder = join(projectRoot, GUIDE_FOLDER);
const guides = readdirSync(folder)
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ file: f, text: readFileSync(join(folder, f), 'utf8') }));

/** The screens the app routes to: the first part of `#/<page>/…` (web/src/main.tsx). */
function appPages(): Set<string> {
  const main = readFileSync(join(projectRoot, 'web/src/main.tsx'), 'utf8');
  return new Set(['', ...[...main.matchAll(/page === '([a-z-]+)'/g)].map((m) => m[1]!)]);
}

describe('the user guides', () => {
  test('every picture a guide shows is one the browser suite takes, and every picture taken is shown', () => {
    const shots = new Set([...GUIDE_SHOTS.map((s) => s.name), ...Object.keys(SCENE_SHOTS)]);
    const shown = new Set<string>();
    for (const { file, text } of guides) {
      for (const [, name] of text.matchAll(/\]\(anh\/([a-z0-9-]+)\.jpg\)/g)) {
        assert.ok(shots.has(name!), `${file} shows anh/${name}.jpg, which no screen of web/e2e/guideShots.ts makes`);
        if (SCENE_SHOTS[name!])
          assert.match(
            readFileSync(join(projectRoot, SCENE_SHOTS[name!]!), 'utf8'),
            new RegExp(`guidePicture\\(\\w+, '${name}'\\)`),
            `${SCENE_SHOTS[name!]} takes ${name}`,
          );
        shown.add(name!);
      }
    }
    assert.deepEqual(
      [...shots].filter((s) => !shown.has(s)),
      [],
      'pictures taken that no guide shows',
    );
  });

  test('every screen address a guide names is a screen of the app', () => {
    const pages = appPages();
    assert.ok(pages.has('unit') && pages.has('assess'), 'the app’s screens are read from web/src/main.tsx');
    for (const { file, text } of guides) {
      for (const [, page] of text.matchAll(/`#\/([a-z-]*)[^`]*`/g)) {
        assert.ok(pages.has(page!), `${file} names the screen #/${page}, which the app does not have`);
      }
    }
  });

  test('every file of the project the guides and the operations, security and accessibility documents name exists', () => {
    const documents = [
      ...guides.map((g) => join(GUIDE_FOLDER, g.file)),
      'docs/van-hanh.md',
      'docs/an-toan-thong-tin.md',
      'docs/kha-nang-tiep-can.md',
      'docs/thong-bao-du-lieu-ca-nhan.md',
      'CHANGELOG.md',
    ];
    for (const document of documents) {
      const text = readFileSync(join(projectRoot, document), 'utf8');
      for (const [, path] of text.matchAll(/`((?:src|web|deploy|scripts|docs|bench)\/[\w./-]+\.(?:ts|tsx|md|sh|sql|conf|service|example|css))`/g)) {
        const inFolder = ['web/e2e/', 'src/', 'deploy/', 'scripts/', 'docs/', 'bench/', 'web/'].some((f) => path!.startsWith(f));
        assert.ok(
          (inFolder && existsSync(join(projectRoot, path!))) || existsSync(join(projectRoot, 'web/e2e', path!)),
          `${document} names ${path}, which does not exist`,
        );
      }
      for (const [, link] of text.matchAll(/\]\(([\w./-]+\.md)\)/g)) {
        assert.ok(existsSync(join(projectRoot, document, '..', link!)), `${document} links to ${link}, which does not exist`);
      }
    }
  });

  test('each role has its guide, listed in the index, and the quick start fits one page', () => {
    const index = guides.find((g) => g.file === 'README.md');
    assert.ok(index, 'docs/huong-dan/README.md');
    for (const { file } of guides.filter((g) => g.file !== 'README.md'))
      assert.match(index.text, new RegExp(`\\(${file.replace('.', '\\.')}\\)`), `${file} is listed in the index`);
    for (const role of ['so-noi-vu', 'co-quan-tham-dinh', 'hoi-dong-tham-dinh', 'can-bo-don-vi', 'lanh-dao-don-vi', 'nguoi-xem', 'bat-dau-nhanh']) {
      assert.ok(
        guides.some((g) => g.file === `${role}.md`),
        `docs/huong-dan/${role}.md`,
      );
    }
    const quick = guides.find((g) => g.file === 'bat-dau-nhanh.md')!;
    assert.ok(quick.text.split('\n').length <= 60, 'the quick start stays one printed page');
  });
});

describe('the guides’ pictures, taken in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();
  const images = join(projectRoot, GUIDE_IMAGES);

  before(async () => {
    mkdirSync(images, { recursive: true });
    // The appraiser's screens show a file the unit has submitted.
    if (GUIDE_SHOTS.some((s) => s.needs === 'submitted')) {
      const unit = await suite.server.login('thanuyen');
      await completeSelfAssessmentByApi(suite.server, 'lai-chau-district-2024', 'than-uyen', unit);
      const submitted = await suite.server.request('POST', '/api/cycles/lai-chau-district-2024/units/than-uyen/transitions', { transition: 'submit' }, unit);
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    }
  });

  for (const shot of GUIDE_SHOTS) {
    test(`${shot.name}: ${shot.path}${shot.user ? ` (${shot.user})` : ''}`, async () => {
      const context = await suite.browser.newContext({ viewport: { width: shot.phone ? 390 : 1280, height: shot.phone ? 844 : 900 }, locale: 'vi-VN' });
      try {
        const page = await context.newPage();
        page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
        if (shot.user) await suite.signIn(context, shot.user);
        await page.goto(`${suite.server.url}/${shot.path}`);
        await page.waitForSelector(shot.ready);
        // Nothing still loading in the picture: the app marks what it is fetching with "Đang tải".
        await page.waitForFunction(() => !/Đang tải/.test((globalThis as any).document.body.textContent ?? ''));
        await page.screenshot({ path: join(images, `${shot.name}.jpg`), type: 'jpeg', quality: 60, fullPage: false });
      } finally {
        await context.close();
      }
    });
  }

  test('the guides print to A4 PDFs with their pictures, the quick start on one page', async () => {
    const out = mkdtempSync(join(tmpdir(), 'huong-dan-'));
    try {
      const pdfs = await guidesToPdf(out);
      assert.equal(pdfs.length, guides.length);
      const quick = pdfs.find((p) => p.endsWith('bat-dau-nhanh.pdf'))!;
      assert.match(execFileSync('pdfinfo', [quick], { encoding: 'utf8' }), /Pages:\s+1\n/);
      assert.match(execFileSync('pdftotext', [quick, '-'], { encoding: 'utf8' }), /Bắt đầu nhanh/);
      // A picture is there: the login screen's image makes the page hold an image object.
      assert.match(execFileSync('pdfimages', ['-list', quick], { encoding: 'utf8' }), /\n\s+1\s+0\s+image/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
