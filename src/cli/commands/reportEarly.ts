/**
 * What `report` does before its own code loads (issue 19.6): for a DOCX or PDF, the chart's drawing
 * thread starts at once, and resvg is ready when the chart is asked for. Whether the chart will be
 * drawn at all is known only once the documents are read: when the dataset they make is kept (the
 * data unchanged since the last report, its chart kept too), the thread is stopped again. Light: no
 * core, no YAML, no docx; what reads the documents loads after the thread has started.
 */
import { parseArgs } from 'node:util';
import { startChartWorker, stopChartWorker } from '../../report/chartWorker.ts';

/** Starts the drawing thread when `args` ask for a report with a chart; resolves once it is known whether it is needed. */
export async function startEarly(args: readonly string[]): Promise<void> {
  try {
    const { values } = parseArgs({
      args: [...args],
      strict: false,
      options: { format: { type: 'string' }, data: { type: 'string', multiple: true }, database: { type: 'boolean' } },
    });
    const format = values.format ?? 'docx';
    // The database's dataset is read anew each time: whether its chart is new is known only later.
    if ((format !== 'docx' && format !== 'pdf') || values.database) return;
    startChartWorker();
    const data = (values.data as (string | boolean)[] | undefined)?.filter((d) => typeof d === 'string');
    const [{ isKept }, { documentTexts, sourceFolders }] = await Promise.all([import('../../io/datasetCache.ts'), import('../../io/documentFiles.ts')]);
    if (isKept(documentTexts(sourceFolders(data)))) stopChartWorker();
  } catch {
    // A missing folder or a bad option: the command itself says so.
  }
}
