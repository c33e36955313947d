import { analyzeUnit } from '../../core/index.ts';
import { datasetFrom } from '../data.ts';
import { EXIT, t, type Command } from '../io.ts';
import { renderAnalysis, renderFindings } from '../render.ts';
import { rank } from './rank.ts';
import { about } from './list.ts';

/** What `npm start` shows until the server exists: the demo province's 2023 analysis of Tam Đường. */
export const demo: Command = {
  ...about('demo'),
  async run(_args, io) {
    const analysis = analyzeUnit(datasetFrom(undefined), 'tam-duong', 2023);
    io.out(renderAnalysis(analysis, io.locale));
    io.out('');
    io.out(renderFindings(analysis.findings, io.locale));
    io.out('');
    await rank.run(['--year', '2023'], io);
    io.out('');
    io.out(
      t(
        io,
        'Thử thêm: npx parindex analyze --unit "Tam Đường" --year 2023 --format json',
        'Try: npx parindex analyze --unit "Tam Đường" --year 2023 --format json',
      ),
    );
    return EXIT.ok;
  },
};
