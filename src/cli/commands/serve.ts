import { configFrom } from '../../server/config.ts';
import { startServer } from '../../server/start.ts';
import { EXIT, parse, t, type Command } from '../io.ts';
import { about } from './list.ts';

export const serve: Command = {
  ...about('serve'),
  async run(args, io) {
    const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
    const config = configFrom({ ...process.env, ...(values.port && { PORT: values.port }), ...(values.host && { HOST: values.host }) }, process.cwd());
    const server = await startServer(config, io.out);
    io.out(
      t(
        io,
        `PAR Index đang chạy tại ${server.url}  (API: ${server.url}/api/openapi.json; Ctrl+C để dừng)`,
        `PAR Index is running at ${server.url}  (API: ${server.url}/api/openapi.json; Ctrl+C to stop)`,
      ),
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        io.out(t(io, 'Đang dừng…', 'Stopping…'));
        server.close().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
