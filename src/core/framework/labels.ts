/** Names of a node's source of points as people say them, for messages in both languages. */
import type { Message } from '../errors.ts';
import type { NodeSource } from './types.ts';

export const SOURCE_LABELS: Record<NodeSource, Message> = {
  appraisal: { vi: 'thẩm định', en: 'appraisal' },
  survey: { vi: 'điều tra xã hội học', en: 'survey' },
  mixed: { vi: 'hỗn hợp (cả thẩm định và điều tra xã hội học)', en: 'mixed (appraisal and survey)' },
};
