import { MailDnsError } from '../lib/model/errors';
import { UsageError } from './args';

type Command = { run(argv: string[]): Promise<number>; USAGE: string };

/** Commands load lazily: `check` must never pay for cdktf or provider bindings. */
const COMMANDS: { [name: string]: () => Promise<Command> } = {
  check: () => import('./commands/check'),
  synth: () => import('./commands/synth'),
  rules: () => import('./commands/rules'),
  verify: () => import('./commands/verify'),
  zonefile: () => import('./commands/zonefile'),
  import: () => import('./commands/import'),
  spf: () => import('./commands/spf'),
};

const HELP = `mail-dns — mail DNS that is right before it is deployed

usage: mail-dns <command> [options]

commands:
  check <spec...> [--json]                 build the zones and run every rule (exit 1 on errors)
  synth <spec...> [--out DIR]              write one cdktf stack per domain (cdk.tf.json)
  rules [--json|--markdown]                list every rule
  verify <spec...> [--server host[:port]] [--json]
                                           compare live DNS with the plan and run the live rules
  zonefile <spec> [--out file]             write the zone as a BIND master file
  import <zonefile> --origin <domain> [--out spec.yaml] [--json]
                                           turn an existing zone file into a spec, then check it
  spf <domain> --ip <addr> [--sender local@domain] [--helo name]
      [--server host[:port] | --spec file...] [--json] [--timeout ms]
                                           evaluate SPF (RFC 7208 check_host) for a client address,
                                           against live DNS or the zones of specs (exit 0 whatever the result)

exit codes: 0 ok, 1 rule errors or drift, 2 usage or unreadable input
`;

/** Runs the CLI; returns the exit code. Errors of input are one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`mail-dns: unknown command ${JSON.stringify(name)}\n\n${HELP}`);
    return 2;
  }
  const command = await load();
  try {
    if (rest.includes('--help')) {
      process.stdout.write(`usage: ${command.USAGE}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`mail-dns ${name}: ${e.message}\nusage: ${command.USAGE}\n`);
      return 2;
    }
    if (e instanceof MailDnsError) {
      process.stderr.write(`mail-dns ${name}: ${e.message}\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    if (/Validation failed|validation/i.test(msg) && name === 'synth') {
      process.stderr.write(`mail-dns ${name}: ${msg.replace(/^Error: /, '')}\n`);
      return 1;
    }
    throw e;
  }
}
