// Command-line arguments for the staff commands: Node's parseArgs, with its errors (long
// messages, and a stack trace when uncaught) turned into one line a person can act on.
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how the command was typed: the CLI prints it in one line and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(shortMessage(error));
  }
}

/** `unknown option --outptu`, `--root needs a value`, `unexpected argument "x"`. */
function shortMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${quoted}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${JSON.stringify(quoted)}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const option = quoted.split(" ")[0];
      return message.includes("argument missing")
        ? `${option} needs a value`
        : `${option} takes no value`;
    }
    default:
      return message.split("\n")[0]!;
  }
}

/** The one line a usage mistake prints: what was wrong, the synopsis, where help is. */
export function usageLine(command: string, problem: string, synopsis: string): string {
  return `${command}: ${problem}. Usage: ${synopsis} (--help explains each option)`;
}
