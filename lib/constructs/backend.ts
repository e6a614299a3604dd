import {
  AzurermBackend,
  CloudBackend,
  GcsBackend,
  LocalBackend,
  NamedCloudWorkspace,
  NamedRemoteWorkspace,
  RemoteBackend,
  S3Backend,
  TerraformStack,
} from 'cdktf';
import { MailDnsError } from '../model/errors';
import { BackendSpec } from '../spec/types';

/** Replaces `{stack}` in every string of the config, so one setting gives each stack its own state. */
function substitute(config: { [k: string]: unknown }, stack: string): { [k: string]: unknown } {
  const out: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(config)) out[k] = typeof v === 'string' ? v.replace(/\{stack\}/g, stack) : v;
  return out;
}

function need(config: { [k: string]: unknown }, type: string, keys: string[]): void {
  for (const k of keys) {
    if (typeof config[k] !== 'string' || config[k] === '') {
      throw new MailDnsError('SPEC_FIELD', `backend.config.${k}: the ${type} backend needs ${k} (received ${JSON.stringify(config[k])})`, { field: `backend.config.${k}`, value: config[k] });
    }
  }
}

/**
 * Gives a stack its own remote state and lock through cdktf's backends. Keys and prefixes default
 * to ones derived from the stack name, so a fleet of sharded stacks never shares a state file.
 */
export function applyBackend(stack: TerraformStack, backend: BackendSpec): void {
  const name = stack.node.id;
  const c = substitute(backend.config ?? {}, name);
  switch (backend.type) {
    case 's3':
      need(c, 's3', ['bucket']);
      new S3Backend(stack, { key: `mail-dns/${name}.tfstate`, ...c } as never);
      return;
    case 'gcs':
      need(c, 'gcs', ['bucket']);
      new GcsBackend(stack, { prefix: `mail-dns/${name}`, ...c } as never);
      return;
    case 'azurerm':
      need(c, 'azurerm', ['storageAccountName', 'containerName']);
      new AzurermBackend(stack, { key: `mail-dns/${name}.tfstate`, ...c } as never);
      return;
    case 'remote': {
      need(c, 'remote', ['organization']);
      const { workspace, ...rest } = c;
      new RemoteBackend(stack, { ...rest, workspaces: new NamedRemoteWorkspace(typeof workspace === 'string' ? workspace : name) } as never);
      return;
    }
    case 'cloud': {
      need(c, 'cloud', ['organization']);
      const { workspace, project, ...rest } = c;
      new CloudBackend(stack, { ...rest, workspaces: new NamedCloudWorkspace(typeof workspace === 'string' ? workspace : name, project as string | undefined) } as never);
      return;
    }
    case 'local':
      new LocalBackend(stack, { path: `terraform.${name}.tfstate`, ...c } as never);
      return;
  }
}
