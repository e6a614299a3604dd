/** Synthesis helpers of the per-adapter tests: a MailDomain through the real cdktf emitter. */
import { TerraformStack, Testing } from 'cdktf';
// Types of cdktf's jest matchers (toHaveResourceWithProperties, ...), which test/setup.ts installs.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { MailDomain } from '../../lib/constructs/mail-domain';
import { DomainSpec } from '../../lib/spec/types';

/** Synthesizes one MailDomain in a fresh stack (rules not run: this is about rendering) and returns cdk.tf.json. */
export function synthDomain(spec: DomainSpec): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  new MailDomain(stack, spec.domain, spec);
  return Testing.synth(stack);
}

/** The resources of one type in a synthesized stack, by logical id. */
export function resourcesOf(synthesized: string, type: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(synthesized).resource?.[type] ?? {}) as Record<string, Record<string, unknown>>;
}
