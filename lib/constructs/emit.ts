import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { MailDnsError } from '../model/errors';
import { AttributeValue, DnsAdapter, Rendering } from '../providers/types';

/**
 * Turns an adapter's pure rendering into cdktf elements. Resources are emitted as
 * TerraformResources of the provider's resource type, which is what the provider's generated
 * classes synthesize too; the provider block itself comes from the provider package by deep
 * import, so a missing package is reported before anything is written.
 */
class RenderedResource extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    type: string,
    provider: { name: string; versionConstraint: string },
    private readonly attributes: { [k: string]: unknown },
    createBeforeDestroy: boolean,
  ) {
    super(scope, id, {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: provider.name, providerVersionConstraint: provider.versionConstraint },
      lifecycle: createBeforeDestroy ? { createBeforeDestroy: true } : undefined,
    });
    this.overrideLogicalId(id);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return this.attributes;
  }
}

/**
 * Terraform reads every JSON string as a template: `${` starts an interpolation and `%{` a
 * directive, so an SPF macro (`exists:%{i}._spf.%{d}`) fails validation. Adapter values are
 * literal data: both sequences are escaped (`$${`, `%%{`); references come as tokens instead.
 * (Cloudflare, Route 53 and the rest alike: `terraform validate` rejects `%{i}` unescaped.)
 */
export function escapeTemplate(s: string): string {
  // cdktf's own string tokens (`${TfToken[TOKEN.1]}`, deploy-time values) stay as they are.
  return s
    .split(/(\$\{TfToken\[[A-Za-z0-9:._-]+\]\})/)
    .map((part, i) => (i % 2 ? part : part.replace(/([$%])\{/g, (_, c: string) => `${c}${c}{`)))
    .join('');
}

const providerCache = new WeakMap<TerraformStack, Map<string, TerraformProvider>>();

/** Loads a provider class by deep path; the error names the package to install. */
export function loadProviderClass(adapter: DnsAdapter): new (scope: Construct, id: string, config: Record<string, unknown>) => TerraformProvider {
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(adapter.providerModule.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND') {
      throw new MailDnsError('PROVIDER_PACKAGE_MISSING', `install ${adapter.packageName} to use ${adapter.displayName} (npm install ${adapter.packageName})`, {
        field: 'dns.provider',
        value: adapter.name,
      });
    }
    throw e;
  }
  return mod[adapter.providerModule.className] as new (scope: Construct, id: string, config: Record<string, unknown>) => TerraformProvider;
}

function ensureProvider(stack: TerraformStack, adapter: DnsAdapter, rendering: Rendering, config: Record<string, unknown>): void {
  let byName = providerCache.get(stack);
  if (!byName) providerCache.set(stack, (byName = new Map()));
  if (byName.has(rendering.provider.name)) return;
  const existing = stack.node.findAll().find((c) => c instanceof TerraformProvider && c.terraformResourceType === rendering.provider.name) as TerraformProvider | undefined;
  if (existing) {
    byName.set(rendering.provider.name, existing);
    return;
  }
  const Provider = loadProviderClass(adapter);
  byName.set(rendering.provider.name, new Provider(stack, rendering.provider.name, config));
}

/** Emits a rendering under `scope`; returns the resources by logical id. */
export function emitRendering(scope: Construct, adapter: DnsAdapter, rendering: Rendering, adopt?: { [role: string]: string }): Map<string, TerraformResource> {
  checkAdoption(rendering, adopt);
  const stack = TerraformStack.of(scope);
  const variables = new Map<string, TerraformVariable>();
  for (const v of rendering.variables) {
    const variable = new TerraformVariable(scope, v.id, { type: v.type ?? 'string', description: v.description, sensitive: v.sensitive });
    // A plain name, so users can set it as TF_VAR_<id>.
    variable.overrideLogicalId(v.id);
    variables.set(v.id, variable);
  }
  const emitted = new Map<string, TerraformResource>();
  const resolve = (value: AttributeValue): unknown => {
    if (typeof value === 'string') return escapeTemplate(value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(resolve);
    if ('$ref' in value && typeof value.$ref === 'string') {
      const target = emitted.get(value.$ref);
      if (!target) throw new Error(`rendering refers to ${value.$ref} before it is emitted`);
      return Token.asString(target.getStringAttribute(value.attribute as string));
    }
    if ('$var' in value && typeof value.$var === 'string') return variables.get(value.$var)!.stringValue;
    const out: { [k: string]: unknown } = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolve(v as AttributeValue);
    return out;
  };
  // Variables exist before the provider, whose block may refer to one (a TSIG secret). A
  // rendering without resources (a zone file written beside the stack only) needs no provider.
  if (rendering.resources.length) ensureProvider(stack, adapter, rendering, resolve(rendering.provider.config as AttributeValue) as Record<string, unknown>);
  for (const r of rendering.resources) {
    const attributes = resolve(r.attributes as AttributeValue) as { [k: string]: unknown };
    const res = new RenderedResource(scope, r.id, r.type, rendering.provider, attributes, r.createBeforeDestroy === true);
    const adopted = r.roles.map((role) => adopt?.[role]).find((x) => x !== undefined) ?? adopt?.[r.id];
    if (adopted !== undefined) res.importFrom(adopted);
    emitted.set(r.id, res);
  }
  return emitted;
}

/**
 * Every adoption key must name a rendered record (by role or logical id): a key that matches
 * nothing would leave the live record unmanaged and the first deploy failing on a duplicate.
 */
function checkAdoption(rendering: Rendering, adopt?: { [key: string]: string }): void {
  if (!adopt) return;
  const known = new Set<string>();
  for (const r of rendering.resources) {
    known.add(r.id);
    for (const role of r.roles) known.add(role);
  }
  for (const key of Object.keys(adopt)) {
    if (known.has(key)) continue;
    const roles = rendering.resources.flatMap((r) => r.roles);
    throw new MailDnsError('ADOPT_UNKNOWN', `adopt.records.${key}: names no record of this zone — use a record role (${roles.slice(0, 8).join(', ')}${roles.length > 8 ? ', ...' : ''}) or a logical id from the synthesized plan`, {
      field: `adopt.records.${key}`,
      value: key,
    });
  }
}
