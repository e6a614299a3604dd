import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct, IConstruct } from 'constructs';
import { Annotations, Aspects, IAspect, ISynthesisSession, TerraformStack, Token } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { MailDnsError } from '../model/errors';
import { Zone } from '../model/zone';
import { indexApp } from '../rules/app-index';
import { judgeZone, ZoneReport } from '../rules/engine';
import { AppIndex } from '../rules/types';
import { adapterFor } from '../providers/registry';
import { domainPrefix } from '../providers/ids';
import { ArtifactDescription, Rendering } from '../providers/types';
import { AdoptSpec, DnsTargetSpec } from '../spec/types';

/** The default target when a spec names none: Cloudflare, zone id from a Terraform variable. */
export const DEFAULT_TARGET: DnsTargetSpec = { provider: 'cloudflare' };
import { emitRendering } from './emit';

/** Bumped on every change to any zone construct, so cached app-wide results are never stale. */
let generation = 0;
/** @internal */
export function touch(): void {
  generation++;
}

const appCache = new WeakMap<IConstruct, { generation: number; index: AppIndex; reports: Map<MailDnsZone, ZoneReport> }>();

function appState(root: IConstruct) {
  let state = appCache.get(root);
  if (!state || state.generation !== generation) {
    const zones = root.node.findAll().filter((c): c is MailDnsZone => c instanceof MailDnsZone);
    const index = indexApp(zones.map((z) => z.zone));
    state = { generation, index, reports: new Map() };
    appCache.set(root, state);
  }
  return state;
}

/** Wraps a model error so it names the construct. */
export function atConstruct(c: IConstruct, e: unknown): never {
  if (e instanceof MailDnsError) throw new MailDnsError(e.code, `${c.node.path}: ${e.message}`, { field: e.field, value: e.value, position: e.position });
  throw e;
}

/** True for cdktf tokens (deploy-time references) inside string values. */
export const isUnresolved = (s: string): boolean => Token.isUnresolved(s);

/**
 * Base of every zone construct (MailDomain, ParkedDomain, ReverseZone): plans its zone from
 * props, renders it through the adapter once at synth (as an aspect, so hosts added after the
 * domain are included), judges it with the rules as a construct validation, and writes its
 * report and artifacts beside the stack.
 */
export abstract class MailDnsZone extends Construct {
  private cached?: { generation: number; zone: Zone };
  private rendered?: Rendering;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    touch();
    const aspect: IAspect = { visit: (node) => node === this && this.render() };
    Aspects.of(this).add(aspect);
    this.node.addValidation({ validate: () => this.validateRules() });
    registerStackReport(TerraformStack.of(this));
  }

  /** The props every zone kind shares: where it is hosted and which live records it adopts. */
  public abstract readonly props: { readonly dns?: DnsTargetSpec; readonly adopt?: AdoptSpec };

  /** Where the zone is hosted: the props' `dns`, else Cloudflare with the zone id from a variable. */
  protected get target(): DnsTargetSpec {
    return this.props.dns ?? DEFAULT_TARGET;
  }

  /** Adoption map: role or logical id -> provider record id. */
  protected get adopt(): { [key: string]: string } | undefined {
    return this.props.adopt?.records;
  }

  /** Plans the zone from the current props and children (pure). */
  protected abstract plan(): Zone;

  /** The zone as planned now: what the rules judge and the adapter renders. */
  public get zone(): Zone {
    if (!this.cached || this.cached.generation !== generation) {
      let zone: Zone;
      try {
        zone = this.plan();
      } catch (e) {
        atConstruct(this, e);
      }
      this.cached = { generation, zone };
    }
    return this.cached.zone;
  }

  /** The rule findings of this zone within its app (with suppressions and overrides applied). */
  public get report(): ZoneReport {
    const state = appState(this.node.root);
    let report = state.reports.get(this);
    if (!report) {
      report = judgeZone(this.zone, state.index);
      state.reports.set(this, report);
    }
    return report;
  }

  /** Files written beside the stack at synth (zone files, policies, PTR requests). */
  public get artifacts(): ArtifactDescription[] {
    return [...(this.rendered?.artifacts ?? []), ...this.extraArtifacts(appState(this.node.root).index)];
  }

  /** Files of the construct itself besides the adapter's rendering (PTR requests); `app` holds every zone of the app. */
  protected extraArtifacts(_app: AppIndex): ArtifactDescription[] {
    return [];
  }

  private render(): void {
    if (this.rendered) return;
    const zone = this.zone;
    const adapter = adapterFor(this.target.provider);
    let rendering: Rendering;
    try {
      rendering = adapter.render(zone, this.target, domainPrefix(zone.origin));
    } catch (e) {
      atConstruct(this, e);
    }
    const before = new Set(this.node.children.map((c) => c.node.id));
    try {
      emitRendering(this, adapter, rendering, this.adopt);
    } catch (e) {
      // Leave no half-rendered zone behind: a later synth must fail the same way, not succeed empty.
      for (const c of this.node.children) if (!before.has(c.node.id)) this.node.tryRemoveChild(c.node.id);
      atConstruct(this, e);
    }
    this.rendered = rendering;
  }

  private warned = false;

  private validateRules(): string[] {
    const report = this.report;
    const errors: string[] = [];
    for (const f of report.findings) {
      if (f.suppressed) continue;
      if (f.severity === 'error') errors.push(f.message);
      else if (!this.warned) Annotations.of(this).addWarning(f.message);
    }
    this.warned = true;
    return errors;
  }
}

const reported = new WeakSet<TerraformStack>();

/** Writes `mail-dns-report.json` and the zones' artifacts into the stack's output folder. */
function registerStackReport(stack: TerraformStack): void {
  if (reported.has(stack)) return;
  reported.add(stack);
  addCustomSynthesis(stack, {
    onSynthesize(session: ISynthesisSession) {
      const zones = stack.node.findAll().filter((c): c is MailDnsZone => c instanceof MailDnsZone);
      const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      const reports = zones.map((z) => z.report);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'mail-dns-report.json'), `${JSON.stringify({ domains: reports }, null, 2)}\n`);
      // Stack-wide artifacts (the PTR requests) come from every zone of the stack: write each path once.
      const files = new Map<string, string>();
      for (const z of zones) {
        for (const a of z.artifacts) {
          const before = files.get(a.path);
          if (before !== undefined && before !== a.content) {
            throw new MailDnsError('ARTIFACT_CONFLICT', `${z.node.path}: two zones of stack ${stack.node.id} write different ${a.path} — give each zone its own stack`, { field: a.path, value: a.path });
          }
          files.set(a.path, a.content);
        }
      }
      const dirs = new Set<string>();
      for (const [rel, content] of files) {
        const file = path.join(dir, rel);
        if (!dirs.has(path.dirname(file))) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          dirs.add(path.dirname(file));
        }
        fs.writeFileSync(file, content);
      }
    },
  });
}
