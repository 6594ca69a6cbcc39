/**
 * The command dispatcher: `belcheer <command> [options]`. Runs a command with the given I/O and turns
 * every failure into a message on stderr and an exit code — never a stack trace, except for a bug,
 * which is reported as one.
 */
import { loginCommand } from './commands/login.ts';
import { statusCommand } from './commands/status.ts';
import { uploadCommand } from './commands/upload.ts';
import { CliError, EXIT, InterruptedError, UsageError } from './errors.ts';
import { COMMAND_HELP, MAIN_HELP } from './help.ts';
import type { CliIo } from './io.ts';
import { cliVersion } from './version.ts';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  login: loginCommand,
  upload: uploadCommand,
  status: statusCommand,
};

function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout.write(MAIN_HELP);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.stdout.write(`belcheer ${cliVersion()}\n`);
    return EXIT.ok;
  }
  if (first === 'help') {
    const topic = rest[0];
    io.stdout.write(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : MAIN_HELP);
    return EXIT.ok;
  }
  const command = COMMANDS[first];
  if (!command) throw new UsageError(`unknown command: ${first} (try belcheer --help)`);
  if (wantsHelp(rest)) {
    io.stdout.write(COMMAND_HELP[first] ?? MAIN_HELP);
    return EXIT.ok;
  }
  return command(rest, io);
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof InterruptedError || io.signal.aborted) {
      io.stderr.write('\ninterrupted — run the same command again to resume an upload\n');
      return EXIT.interrupted;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`belcheer: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      io.stderr.write(`belcheer: ${err.message}\n`);
      return err.exitCode;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr.write(`belcheer: unexpected error (please report it): ${detail}\n`);
    return EXIT.failed;
  }
}
