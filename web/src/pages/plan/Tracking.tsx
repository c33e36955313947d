/**
 * Indicator tracking: each tracked criterion's values per month or quarter, the points each gives
 * under the rule, the year-end projection and the trend; the unit enters a period's value (checked
 * by the rule: 50/46 is refused at the field), removes one entered by mistake, or starts tracking
 * another criterion scored from indicator values.
 */
import { useState } from 'preact/hooks';
import { Chart } from '../../components/Chart.tsx';
import { num, pct, plotted, shareToPercent } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import { FieldError, formError, usePlanAction, type PlanContext, type Track } from './shared.tsx';

/** A measured ratio (decimal text, 0–1) as a percent, exactly: never a float multiplication. */
const ratioText = (ratio: string | undefined) => (ratio === undefined ? '—' : pct(shareToPercent(ratio), 1));

export function Tracking({ tracking, context }: { tracking: Track[]; context: PlanContext }) {
  return (
    <>
      {tracking.map((track) => (
        <TrackCard key={track.criterion} track={track} context={context} />
      ))}
      {context.canEdit && (
        <section class="card">
          <h2>{tx('Theo dõi thêm một chỉ tiêu', 'Track another indicator')}</h2>
          <p class="muted">
            {tx(
              'Tiêu chí chấm theo tỷ lệ hoặc theo mức (vd. 7.3.3, 8.9): nhập số liệu của tháng hoặc quý.',
              'A criterion scored by a ratio or by bands (e.g. 7.3.3, 8.9): enter the value of a month or a quarter.',
            )}
          </p>
          <TrackForm context={context} />
        </section>
      )}
    </>
  );
}

function TrackCard({ track, context }: { track: Track; context: PlanContext }) {
  return (
    <section class="card track" data-track={track.criterion}>
      <h2>
        {track.criterion} {track.name}
      </h2>
      <p class="muted" data-testid={`track-${track.criterion}`}>
        {tx('Điểm theo số liệu mới nhất', 'Points on the latest value')}: {num(track.latest, context.precision)}/{num(track.maxPoints, context.precision)}
        {track.projected !== null && (
          <>
            {' '}
            · {tx('dự báo cuối năm theo xu hướng', 'year-end projection on the trend')}: {num(track.projected, context.precision)}
          </>
        )}
      </p>
      <Chart
        label={`${track.criterion}: ${track.series.map((s) => `${s.period} ${ratioText(s.ratio)}`).join(', ')}`}
        height={200}
        option={{
          grid: { left: 48, right: 10, top: 20, bottom: 30 },
          tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${num(v, 1)}%`) },
          xAxis: { type: 'category', data: track.series.map((s) => s.period) },
          yAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${num(v, 0)}%` } },
          series: [{ type: 'line', data: track.series.map((s) => (s.ratio === undefined ? null : plotted(shareToPercent(s.ratio)))) }],
        }}
      />
      <details>
        <summary>{tx('Số liệu từng kỳ', 'Values per period')}</summary>
        <table class="periods">
          <thead>
            <tr>
              <th scope="col">{tx('Kỳ', 'Period')}</th>
              <th class="num" scope="col">
                {t('percent')}
              </th>
              <th class="num" scope="col">
                {t('score')}
              </th>
              {context.canEdit && (
                <th scope="col">
                  <span class="visually-hidden">{t('actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {track.series.map((s) => (
              <PeriodRow key={s.period} criterion={track.criterion} point={s} context={context} />
            ))}
          </tbody>
        </table>
      </details>
      {context.canEdit && <TrackForm criterion={track.criterion} context={context} />}
    </section>
  );
}

function PeriodRow({ criterion, point, context }: { criterion: string; point: Track['series'][number]; context: PlanContext }) {
  const remove = usePlanAction(context);
  return (
    <tr data-period={point.period}>
      <th scope="row">{point.period}</th>
      <td class="num">{ratioText(point.ratio)}</td>
      <td class="num">{num(point.points, context.precision)}</td>
      {context.canEdit && (
        <td>
          <button
            type="button"
            class="link"
            disabled={remove.busy}
            aria-label={tx(`Xóa số liệu kỳ ${point.period}`, `Remove the value of ${point.period}`)}
            onClick={() => remove.run('DELETE', `${context.base}/tracking/${criterion}/${point.period}?version=${context.version}`)}
          >
            {tx('xóa', 'remove')}
          </button>
          <FieldError message={formError(remove, [])} />
        </td>
      )}
    </tr>
  );
}

/**
 * One period's value (a month 2024-09 or a quarter 2024-Q3) as numerator / denominator; without `criterion`, the criterion is asked too.
 * Every submit goes to the server, which checks the criterion and the period of the path with the values
 * and says every problem at once at its field; only a criterion or a period left empty (no path to ask) is said here.
 */
function TrackForm({ criterion, context }: { criterion?: string; context: PlanContext }) {
  const empty = { criterion: '', period: '', numerator: '', denominator: '' };
  const [form, setForm] = useState(empty);
  const [missing, setMissing] = useState<Partial<Record<'criterion' | 'period', string>>>({});
  const save = usePlanAction(context, () => setForm(empty));
  const year = context.year;
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const submit = (event: Event) => {
    event.preventDefault();
    const code = (criterion ?? form.criterion).trim();
    const period = form.period.trim().toUpperCase();
    setMissing({
      ...(!code && { criterion: tx('Nhập mã tiêu chí, vd. 7.3.6', 'Enter a criterion code, e.g. 7.3.6') }),
      ...(!period && {
        period: tx(
          `Nhập kỳ của năm ${year}: ${year}-09 (tháng) hoặc ${year}-Q3 (quý)`,
          `Enter a period of ${year}: ${year}-09 (month) or ${year}-Q3 (quarter)`,
        ),
      }),
    });
    // A value that is not a whole number goes as typed: the server says what is wrong with it, with the path's problems.
    const count = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());
    const segment = (text: string) => encodeURIComponent(text || '-');
    save.run('PUT', `${context.base}/tracking/${segment(code)}/${segment(period)}`, {
      version: context.version,
      numerator: count(form.numerator),
      denominator: count(form.denominator),
    });
  };
  // A field left empty is said here; the server's words for it (about the placeholder sent) are not shown.
  const message = {
    criterion: missing.criterion ?? save.field('criterion'),
    period: missing.period ?? save.field('period') ?? save.field('year'),
    numerator: save.field('numerator') ?? save.field('indicators') ?? save.field('value'),
    denominator: save.field('denominator'),
  };
  return (
    <form class="track" onSubmit={submit}>
      <div class="row">
        {!criterion && (
          <div class="field">
            <label>
              {t('criterion')}
              <input name="track-criterion" placeholder="7.3.3" size={8} value={form.criterion} aria-invalid={!!message.criterion} onInput={set('criterion')} />
            </label>
            <FieldError message={message.criterion} />
          </div>
        )}
        <div class="field">
          <label>
            {tx('Kỳ', 'Period')}
            <input name="period" placeholder={`${year}-09`} size={8} value={form.period} aria-invalid={!!message.period} onInput={set('period')} />
          </label>
          <FieldError message={message.period} />
        </div>
        <div class="field">
          <label>
            {tx('Tử số', 'Numerator')}
            <input name="numerator" inputMode="numeric" size={6} value={form.numerator} aria-invalid={!!message.numerator} onInput={set('numerator')} />
          </label>
          <FieldError message={message.numerator} />
        </div>
        <div class="field">
          <label>
            {tx('Mẫu số', 'Denominator')}
            <input name="denominator" inputMode="numeric" size={6} value={form.denominator} aria-invalid={!!message.denominator} onInput={set('denominator')} />
          </label>
          <FieldError message={message.denominator} />
        </div>
        <button type="submit" class="secondary" disabled={save.busy}>
          {tx('Ghi số liệu', 'Record')}
        </button>
      </div>
      <FieldError message={formError(save, ['criterion', 'period', 'year', 'indicators', 'value', 'numerator', 'denominator'])} />
    </form>
  );
}
