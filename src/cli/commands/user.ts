import { createUser, generatePassword, listUsers } from '../../store/index.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';
import { withStore } from '../store.ts';
import { about } from './list.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const user: Command = {
  ...about('user'),
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'create' && sub !== 'list') throw new UsageError({ vi: 'cần lệnh con: user create … | user list', en: 'user create … | user list' });
    const { values } = parse(rest, {
      role: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    });
    return withStore(async (store) => {
      if (sub === 'list') {
        for (const u of await listUsers(store.db)) io.out(`${u.username.padEnd(20)} ${u.role.padEnd(11)} ${u.unitId ?? ''}  ${u.displayName}`);
        return EXIT.ok;
      }
      if (!values.role || !values.username)
        throw new UsageError({ vi: 'thiếu --role (vai trò) hoặc --username (tên đăng nhập)', en: '--role and --username are required' });
      const generated = !values['password-stdin'];
      const password = generated ? generatePassword() : await readStdin();
      // The operator of the installation acts as the system (this is how the first admin is made).
      const created = await createUser(
        store.db,
        {
          username: values.username,
          displayName: values.name ?? values.username,
          role: values.role as 'admin',
          ...(values.unit && { unitId: values.unit }),
          password,
        },
        SYSTEM,
      );
      io.out(
        t(
          io,
          `Đã tạo ${created.username} (${created.role}${created.unitId ? `, ${created.unitId}` : ''}).`,
          `Created ${created.username} (${created.role}${created.unitId ? `, ${created.unitId}` : ''}).`,
        ),
      );
      if (generated) io.out(t(io, `Mật khẩu (chỉ hiện một lần): ${password}`, `Password (shown once): ${password}`));
      return EXIT.ok;
    });
  },
};
