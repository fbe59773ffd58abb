import { text } from 'node:stream/consumers';

/**
 * A secret for a command-line tool (the recovery code of `npm run export -- --key-file`): from the
 * environment variable when it is set (automation, tests), typed at the terminal without being shown
 * when standard input is one, or else the first line of standard input (`... < code.txt`). Never an
 * argument, which other users of the machine could read in the process list. '' when none was given.
 */
export async function askSecret(prompt: string, variable: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv.trim();
  if (process.stdin.isTTY) return typeHidden(prompt);
  return ((await text(process.stdin)).split(/\r?\n/)[0] ?? '').trim();
}

/** Reads one line at the terminal in raw mode, echoing nothing; Ctrl-C stops the tool. */
function typeHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve) => {
    let typed = '';
    const done = (): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          done();
          resolve(typed.trim());
          return;
        }
        if (char === '\u0003') {
          done();
          process.exit(130);
        }
        typed = char === '\u007f' || char === '\b' ? Array.from(typed).slice(0, -1).join('') : typed + char;
      }
    };
    input.on('data', onData);
  });
}
