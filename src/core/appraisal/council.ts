/**
 * The appraisal council's decision (Hội đồng thẩm định): a vote on the whole result or item by
 * item, each approved when more than half of all members approve (e.g. Hà Nội QĐ 4762/QĐ-UBND
 * of 2024). The share is exact; it is printed with the core's formatter.
 */
import { formatPercent, formatDate } from '../format.ts';
import { fraction, type Fraction } from '../fraction.ts';
import { issue, ParError, type Issue } from '../errors.ts';

export interface CouncilItem {
  /** What was voted on: "Toàn bộ kết quả thẩm định", or one unit, component or criterion. */
  subject: string;
  /** Members who approved. */
  approve: number;
}

export interface CouncilInput {
  decision: string;
  meetingOn: string;
  members: { name: string; title?: string | undefined }[];
  scope: 'whole' | 'items';
  items: CouncilItem[];
}

export interface CouncilItemOutcome extends CouncilItem {
  of: number;
  /** approve / of, exact. */
  share: Fraction;
  approved: boolean;
}

export interface CouncilOutcome {
  items: CouncilItemOutcome[];
  approved: boolean;
  /** One line for the publication and the report. */
  summary: { vi: string; en: string };
}

export function checkCouncil(input: CouncilInput): void {
  const issues: Issue[] = [];
  if (input.members.length < 3)
    issues.push(issue('council.members', { vi: 'hội đồng phải có ít nhất 3 thành viên', en: 'the council needs at least 3 members' }, { field: 'members' }));
  if (input.scope === 'whole' && input.items.length !== 1) {
    issues.push(
      issue(
        'council.whole',
        { vi: 'biểu quyết toàn bộ kết quả: đúng một nội dung', en: 'a vote on the whole result has exactly one item' },
        { field: 'items' },
      ),
    );
  }
  if (!input.items.length) issues.push(issue('council.items', { vi: 'chưa có nội dung biểu quyết', en: 'no item was voted on' }, { field: 'items' }));
  input.items.forEach((item, i) => {
    if (!Number.isInteger(item.approve) || item.approve < 0 || item.approve > input.members.length) {
      issues.push(
        issue(
          'council.votes',
          {
            vi: `nội dung "${item.subject}": số tán thành phải từ 0 đến ${input.members.length} (số thành viên)`,
            en: `item "${item.subject}": approvals must be between 0 and ${input.members.length} (the members)`,
          },
          { field: `items.${i}.approve` },
        ),
      );
    }
  });
  if (issues.length) throw new ParError(issues);
}

export function councilOutcome(input: CouncilInput): CouncilOutcome {
  const of = input.members.length;
  const items = input.items.map((item) => ({ ...item, of, share: fraction(item.approve * 100, of), approved: item.approve * 2 > of }));
  const approved = items.length > 0 && items.every((i) => i.approved);
  const votes = (locale: 'vi' | 'en') =>
    items.map((i) => `${input.scope === 'items' ? `${i.subject}: ` : ''}${i.approve}/${of} (${formatPercent(i.share, { decimals: 1, locale })})`).join('; ');
  return {
    items,
    approved,
    summary: {
      vi: `Hội đồng thẩm định, ${input.decision}, họp ngày ${formatDate(input.meetingOn)}: ${votes('vi')} thành viên tán thành — ${approved ? 'thông qua' : 'không thông qua'} (quá nửa tổng số thành viên)`,
      en: `Appraisal council, ${input.decision}, met on ${formatDate(input.meetingOn)}: ${votes('en')} members approving — ${approved ? 'approved' : 'not approved'} (more than half of all members)`,
    },
  };
}
