/**
 * What `report` does before its own code loads (issue 19.6): when the dataset it is about to build
 * is not kept (the data changed since the last report, or no cache), the chart's drawing thread
 * starts now, and resvg is ready when the chart is asked for. Light: no core, no YAML, no docx.
 */
import { parseArgs } from 'node:util';
import { isKept } from '../../io/datasetCache.ts';
import { documentTexts, sourceFolders } from '../../io/documentFiles.ts';
import { startChartWorker } from '../../report/raster.ts';

export function startEarly(args: readonly string[]): void {
  try {
    const { values } = parseArgs({
      args: [...args],
      strict: false,
      options: { format: { type: 'string' }, data: { type: 'string', multiple: true }, database: { type: 'boolean' } },
    });
    const format = values.format ?? 'docx';
    // The database's dataset is read anew each time: whether its chart is new is known only later.
    if ((format !== 'docx' && format !== 'pdf') || values.database) return;
    const data = (values.data as (string | boolean)[] | undefined)?.filter((d) => typeof d === 'string');
    if (!isKept(documentTexts(sourceFolders(data)))) startChartWorker();
  } catch {
    // A missing folder or a bad option: the command itself says so.
  }
}
