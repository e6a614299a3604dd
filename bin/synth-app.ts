import { App, TerraformStack } from 'cdktf';
import { applyBackend } from '../lib/constructs/backend';
import { BackendSpec } from '../lib/spec/types';
import { MailDomain, ParkedDomain } from '../lib/constructs/mail-domain';
import { ReverseZone } from '../lib/constructs/reverse-zone';
import { DomainSpec, ParkedDomainSpec, ReverseZoneSpec } from '../lib/spec/types';
import { PlannedZone } from './plan-specs';
import { stackName } from './commands/synth';

/** Synthesizes the planned zones as cdktf stacks into `outdir`; returns the stack names. */
export function synthesizeSpecs(planned: readonly PlannedZone[], outdir: string, opts: { shardSize: number; backend?: BackendSpec }): string[] {
  const app = new App({ outdir, stackTraces: false });
  const names: string[] = [];
  for (let i = 0; i < planned.length; i += opts.shardSize) {
    const shard = planned.slice(i, i + opts.shardSize);
    const first = stackName(shard[0].zone.origin);
    const name = opts.shardSize === 1 ? first : `shard-${String(i / opts.shardSize + 1).padStart(3, '0')}`;
    const stack = new TerraformStack(app, name);
    if (opts.backend) applyBackend(stack, opts.backend);
    names.push(name);
    for (const p of shard) {
      const id = p.zone.origin.replace(/\.$/, '');
      if (p.spec.kind === 'parked') new ParkedDomain(stack, id, p.spec as ParkedDomainSpec);
      else if (p.spec.kind === 'reverse') new ReverseZone(stack, id, p.spec as ReverseZoneSpec);
      else new MailDomain(stack, id, p.spec as DomainSpec);
    }
  }
  app.synth();
  return names;
}
