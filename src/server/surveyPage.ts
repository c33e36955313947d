/**
 * The public survey form as plain HTML: Vietnamese, mobile-first, usable without JavaScript
 * (a form that posts and a page that answers), accessible (a fieldset and legend per question,
 * labels on every choice, errors listed first with links to their question and said again at
 * it), with the data-protection notes of the questionnaire. A few kilobytes, no script, no chart.
 */
import type { Question, Questionnaire } from '../core/survey/index.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Only inline styles: the page's content security policy allows nothing else. */
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f5f6f8}
main{max-width:42rem;margin:0 auto;padding:1rem}h1{font-size:1.3rem;line-height:1.3;margin:.5rem 0}
.meta{color:#444;margin:.25rem 0 1rem}.note{background:#fff;border-left:4px solid #1d5fa8;padding:.75rem 1rem;margin:1rem 0}
.note h2{font-size:1rem;margin:0 0 .25rem}.note p{margin:.25rem 0}
fieldset{background:#fff;border:1px solid #c9ced6;border-radius:8px;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}.req{color:#a1001a;font-weight:400}
label.choice{display:flex;gap:.6rem;align-items:flex-start;padding:.5rem .25rem;min-height:44px;cursor:pointer}
label.choice input{width:1.3rem;height:1.3rem;margin-top:.15rem;flex:none}
input[type=number],textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #8a929e;border-radius:6px}
textarea{min-height:6rem}.error{color:#a1001a;font-weight:600;margin:.25rem 0}
fieldset.invalid{border-color:#a1001a;border-width:2px}
.summary{background:#fff0f0;border:2px solid #a1001a;border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.summary a{color:#a1001a}button{font:inherit;font-weight:600;width:100%;min-height:48px;border:0;border-radius:8px;background:#1d5fa8;color:#fff;padding:.75rem;cursor:pointer}
button:focus,input:focus,textarea:focus,a:focus{outline:3px solid #f2b600;outline-offset:2px}
.illustrative{background:#fff7d6;border:1px solid #d9b400;padding:.5rem .75rem;border-radius:6px}
`;

export interface FormPage {
  questionnaire: Questionnaire;
  unitName: string;
  groupName: string;
  questions: Question[];
  action: string;
  values?: Record<string, string[]>;
  errors?: Record<string, string>;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function notes(q: Questionnaire): string {
  return `<section class="note" aria-labelledby="privacy"><h2 id="privacy">Bảo vệ dữ liệu cá nhân</h2>
<p><strong>Mục đích:</strong> ${escape(q.privacy.purpose)}</p>
<p><strong>Thời gian lưu trữ:</strong> ${escape(q.privacy.retention)}</p>
<p><strong>Liên hệ:</strong> ${escape(q.privacy.contact)}</p>
<p>Phiếu không ghi tên; đường dẫn khảo sát không gắn với người trả lời. Phiếu đã gửi không sửa được.</p></section>`;
}

function questionHtml(q: Question, index: number, values: string[], error?: string): string {
  const id = `q-${q.id}`;
  const required = q.required ? ' <span class="req">(bắt buộc)</span>' : '';
  const described = error ? ` aria-describedby="${id}-error"` : '';
  const errorLine = error ? `<p class="error" id="${id}-error">${escape(error)}</p>` : '';
  let control = '';
  if (q.type === 'single' || q.type === 'likert' || q.type === 'multiple') {
    const type = q.type === 'multiple' ? 'checkbox' : 'radio';
    control = q.options
      .map((o, k) => {
        const checked = values.includes(o.value) ? ' checked' : '';
        const label = q.type === 'likert' ? `${o.value} — ${o.label}` : o.label;
        return `<label class="choice"><input type="${type}" name="${q.id}" value="${escape(o.value)}"${checked}${k === 0 && type === 'radio' && q.required ? ' required' : ''}${k === 0 ? ` id="${id}"` : ''}><span>${escape(label)}</span></label>`;
      })
      .join('');
  } else if (q.type === 'number') {
    control = `<input type="number" inputmode="decimal" id="${id}" name="${q.id}" value="${escape(values[0] ?? '')}"${q.min !== undefined ? ` min="${q.min}"` : ''}${q.max !== undefined ? ` max="${q.max}"` : ''}${q.required ? ' required' : ''} aria-labelledby="${id}-legend"${described}>`;
  } else {
    control = `<textarea id="${id}" name="${q.id}" maxlength="${q.maxLength}" aria-labelledby="${id}-legend"${q.required ? ' required' : ''}${described}>${escape(values[0] ?? '')}</textarea>`;
  }
  const illustrative = q.illustrative ? ' <span class="req">(câu hỏi minh họa)</span>' : '';
  return `<fieldset${error ? ' class="invalid"' : ''}${described}><legend id="${id}-legend">${index + 1}. ${escape(q.text)}${required}${illustrative}</legend>${errorLine}${control}</fieldset>`;
}

export function formPage(p: FormPage): string {
  const errors = p.errors ?? {};
  const failed = p.questions.filter((q) => errors[q.id]);
  const summary = failed.length
    ? `<div class="summary" role="alert" tabindex="-1" id="errors"><p><strong>Phiếu chưa gửi được: ${failed.length} câu cần xem lại</strong></p><ul>${failed.map((q) => `<li><a href="#q-${q.id}">Câu ${p.questions.indexOf(q) + 1}: ${escape(errors[q.id]!)}</a></li>`).join('')}</ul></div>`
    : '';
  const illustrative = p.questionnaire.illustrative
    ? '<p class="illustrative">Phiếu minh họa: câu hỏi và cách tính điểm là ví dụ, không phải phiếu chính thức của tỉnh.</p>'
    : '';
  return page(
    p.questionnaire.title,
    `<h1>${escape(p.questionnaire.title)}</h1>
<p class="meta">Cơ quan được khảo sát: <strong>${escape(p.unitName)}</strong><br>Đối tượng: <strong>${escape(p.groupName)}</strong></p>
${illustrative}${p.questionnaire.intro ? `<p>${escape(p.questionnaire.intro)}</p>` : ''}${summary}
<form method="post" action="${escape(p.action)}" novalidate>
${p.questions.map((q, i) => questionHtml(q, i, p.values?.[q.id] ?? [], errors[q.id])).join('\n')}
<button type="submit">Gửi phiếu</button></form>
${notes(p.questionnaire)}`,
  );
}

export function thanksPage(questionnaire: Questionnaire, id: number): string {
  return page(
    'Đã gửi phiếu',
    `<h1 role="status">Cảm ơn ông/bà đã trả lời phiếu khảo sát</h1><p>Phiếu đã được ghi nhận (mã phiếu ${id}). Phiếu đã gửi không sửa được.</p>${notes(questionnaire)}`,
  );
}

export function closedPage(reason: string): string {
  return page('Khảo sát', `<h1>Khảo sát</h1><p role="status">${escape(reason)}</p>`);
}
