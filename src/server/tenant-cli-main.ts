/** The `cec-tenant` bin: {@link runTenantCli} with the process's arguments, environment and output. */
import { runTenantCli } from './tenant-cli.js';

process.exitCode = await runTenantCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  error: (line) => console.error(line),
});
