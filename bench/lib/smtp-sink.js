// @ts-check
/**
 * An SMTP server on loopback that accepts every message and keeps nothing: what `send` and its
 * yardstick deliver to in the benchmark. Plain SMTP, no login, so the measure is the sending,
 * not TLS. Prints its port on stdout; counts messages and prints the count on SIGTERM.
 */
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  hideSTARTTLS: true,
  disableReverseLookup: true,
  logger: false,
  size: 50 * 1024 * 1024,
  onData(stream, _session, cb) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      cb(null, `2.0.0 Ok: queued as B${received}`);
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  process.stderr.write(`${received}\n`);
  process.exit(0);
});
