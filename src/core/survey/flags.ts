/**
 * Duplicate and anomaly flags for the staff to accept or exclude: responses of one unit and
 * group with identical answers, bursts of online responses from one network, responses
 * submitted outside the survey window. A flag names its responses; it decides nothing.
 */
import type { Message } from '../errors.ts';
import { formatDate } from '../format.ts';
import type { Questionnaire, Response } from './types.ts';

export type FlagKind = 'identical' | 'burst' | 'outOfWindow';

export interface Flag {
  /** Stable while its responses do not change: the decision names it. */
  id: string;
  kind: FlagKind;
  unit: string;
  group?: string;
  responses: number[];
  message: Message;
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The date in Vietnam of an ISO timestamp. */
export function vietnamDate(at: string): string {
  return new Date(Date.parse(at) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function patternOf(answers: Response['answers']): string {
  return JSON.stringify(
    Object.keys(answers)
      .sort()
      .map((k) => [k, answers[k]]),
  );
}

export function flagResponses(questionnaire: Questionnaire, responses: Response[]): Flag[] {
  const flags: Flag[] = [];
  const { identicalAtLeast, burst } = questionnaire.checks;

  const same = new Map<string, Response[]>();
  for (const r of responses) {
    if (Object.keys(r.answers).length < 2) continue;
    const key = `${r.unit}\u0000${r.group}\u0000${patternOf(r.answers)}`;
    const list = same.get(key);
    if (list) list.push(r);
    else same.set(key, [r]);
  }
  for (const list of same.values()) {
    if (list.length < identicalAtLeast) continue;
    const ids = list.map((r) => r.id).sort((a, b) => a - b);
    const { unit, group } = list[0]!;
    flags.push({
      id: `identical:${unit}:${group}:${ids[0]}`,
      kind: 'identical',
      unit,
      group,
      responses: ids,
      message: { vi: `${ids.length} phiếu trả lời giống hệt nhau`, en: `${ids.length} responses with identical answers` },
    });
  }

  const byNetwork = new Map<string, Response[]>();
  for (const r of responses) {
    if (r.channel !== 'online' || !r.network) continue;
    const key = `${r.unit}\u0000${r.network}`;
    const list = byNetwork.get(key);
    if (list) list.push(r);
    else byNetwork.set(key, [r]);
  }
  const span = burst.minutes * 60_000;
  for (const list of byNetwork.values()) {
    if (list.length < burst.count) continue;
    const timed = list.map((r) => ({ r, t: Date.parse(r.at) })).sort((a, b) => a.t - b.t || a.r.id - b.r.id);
    const inBurst = new Set<number>();
    for (let start = 0, end = 0; end < timed.length; end++) {
      while (timed[end]!.t - timed[start]!.t > span) start++;
      if (end - start + 1 >= burst.count) for (let k = start; k <= end; k++) inBurst.add(k);
    }
    if (!inBurst.size) continue;
    // One flag per run of consecutive responses caught in a burst.
    let run: number[] = [];
    const close = () => {
      if (!run.length) return;
      const ids = run.map((k) => timed[k]!.r.id).sort((a, b) => a - b);
      const { unit, network } = timed[run[0]!]!.r;
      flags.push({
        id: `burst:${unit}:${network}:${ids[0]}`,
        kind: 'burst',
        unit,
        responses: ids,
        message: {
          vi: `${ids.length} phiếu trực tuyến từ cùng một mạng trong vòng ${burst.minutes} phút`,
          en: `${ids.length} online responses from one network within ${burst.minutes} minutes`,
        },
      });
      run = [];
    };
    for (let k = 0; k < timed.length; k++) {
      if (inBurst.has(k) && (run.length === 0 || run.at(-1) === k - 1)) run.push(k);
      else {
        close();
        if (inBurst.has(k)) run.push(k);
      }
    }
    close();
  }

  const window = questionnaire.window;
  if (window) {
    const outside = new Map<string, number[]>();
    for (const r of responses) {
      const day = vietnamDate(r.at);
      if (day >= window.from && day <= window.to) continue;
      const list = outside.get(r.unit);
      if (list) list.push(r.id);
      else outside.set(r.unit, [r.id]);
    }
    for (const [unit, ids] of outside) {
      ids.sort((a, b) => a - b);
      flags.push({
        id: `window:${unit}:${ids[0]}`,
        kind: 'outOfWindow',
        unit,
        responses: ids,
        message: {
          vi: `${ids.length} phiếu nộp ngoài thời gian khảo sát (${formatDate(window.from)}–${formatDate(window.to)})`,
          en: `${ids.length} responses submitted outside the survey window (${formatDate(window.from)}–${formatDate(window.to)})`,
        },
      });
    }
  }
  return flags;
}
