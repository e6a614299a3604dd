'use strict';
// The ceiling of verify's transport: its own DNS client (lib/verify/udp-client.ts) replaying a
// question list against one server with a fixed number in flight, judging nothing. Prints JSON:
// the questions per second of each of three passes over the list (the first one warms the JIT).
const fs = require('node:fs');
const { UdpClient } = require('../dist/lib/verify/udp-client');

async function main() {
  const [file, port, inFlight] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4] || 100)];
  const questions = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(' '));
  const client = new UdpClient('127.0.0.1', port);
  const passes = [];
  for (let pass = 0; pass < 3; pass++) {
    let next = 0;
    const t0 = process.hrtime.bigint();
    const worker = async () => {
      while (next < questions.length) {
        const [name, type] = questions[next++];
        await client.query(name, type);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    passes.push(questions.length / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  client.close();
  process.stdout.write(`${JSON.stringify({ passes })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
