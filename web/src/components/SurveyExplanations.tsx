/**
 * How a unit's survey points arose, criterion by criterion, as the server's core wrote it
 * ("8.3: 71,4% đánh giá hài lòng trở lên trên 126 phiếu hợp lệ → 2,14/3 điểm"). Shows nothing
 * when the cycle has no survey run in the platform or the reader may not see it.
 */
import { useFetch } from './useFetch.ts';
import { currentLocale, tx } from '../i18n.ts';
import type { SurveyPointsJson as Explained } from '../../../src/server/contract/survey.ts';
import type { AnalysisResponse } from '../../../src/server/responses.ts';

/** The cycle of a framework's year, as the store names it. */
const cycleOf = (year: number, frameworkId: string) => (frameworkId.endsWith(String(year)) ? frameworkId : `${frameworkId}-${year}`);

export function SurveyExplanations({ unitId, year, frameworkId }: { unitId: string; year: number; frameworkId: string }) {
  const { data } = useFetch<Explained[]>(`/api/cycles/${cycleOf(year, frameworkId)}/survey/points?unit=${encodeURIComponent(unitId)}`);
  if (!data?.length) return null;
  return (
    <section class="card" data-testid="survey-explanations">
      <h2>{tx('Điểm điều tra xã hội học được tính thế nào', 'How the survey points arose')}</h2>
      <ul>
        {data.map((p) => (
          <li key={p.code}>{p.explanation[currentLocale()]}</li>
        ))}
      </ul>
    </section>
  );
}

/** The same for a unit's results year when only the year is known (the plan's recoverable points): the framework from the unit's analysis. */
export function SurveyExplanationsOfYear({ unitId, year }: { unitId: string; year: number }) {
  const { data } = useFetch<Pick<AnalysisResponse, 'framework' | 'hasSurvey'>>(`/api/units/${encodeURIComponent(unitId)}/analysis?year=${year}`);
  if (!data?.hasSurvey) return null;
  return <SurveyExplanations unitId={unitId} year={year} frameworkId={data.framework.id} />;
}
