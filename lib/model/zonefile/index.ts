export type { ParseZoneFileOptions, ParsedRecord, ParsedZoneFile } from './parse';
export { parseTtl, parseZoneFile, readZoneFile, zoneFromParsed } from './parse';
export type { WriteZoneFileOptions } from './write';
export { DEFAULT_SOA_TIMERS, compareNames, writeZoneFile } from './write';
