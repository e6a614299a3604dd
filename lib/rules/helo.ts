import { isIp } from '../model/ip';
import { isHostname, labelsOf } from '../model/name';
import { HostFact } from '../model/zone';
import { shown } from './util';

/** Why a mail host's written HELO name is not a fully-qualified host name, or undefined when it is (or was not written). */
export function heloProblem(host: HostFact): string | undefined {
  const written = host.heloWritten;
  const helo = host.helo;
  if (written === undefined || helo === undefined) return undefined;
  const literal = written.replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1').replace(/^ipv6:/i, '');
  if (isIp(literal)) return 'is an IP address literal, not a name';
  const bareWritten = written.replace(/\.$/, '').toLowerCase();
  if (bareWritten === 'localhost' || bareWritten === 'localhost.localdomain') return `is ${JSON.stringify(bareWritten)}, the name every unconfigured server says`;
  if (written.endsWith('.') && labelsOf(helo).length < 2) return 'is a single label (the trailing dot makes it absolute, so the domain is not appended)';
  if (!isHostname(helo)) return `reads as ${shown(helo)}, which is not a valid host name`;
  return undefined;
}
