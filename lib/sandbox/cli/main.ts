/** Entry of `npm run sandbox -- <command>` (see cli.ts). */
import { CliError, runCli } from "./cli";

const baseUrl = (
  process.env.SANDBOX_URL ?? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 3100}`
).replace(/\/+$/, "");

runCli(process.argv.slice(2), { baseUrl, print: (line) => console.log(line) }).catch(
  (error: unknown) => {
    console.error(
      error instanceof CliError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error),
    );
    process.exit(1);
  },
);
