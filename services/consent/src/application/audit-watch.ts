import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { auditAnchored, auditChainSubject, createEvent, type AuditChainName } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { IntervalJob, ServiceCalendar, ServiceMetrics } from '@estafette/service-kit';
import { CONSENT_SETTINGS, eventSource, type ConsentSettings } from '../consent-settings.js';
import { CHAIN_TABLES, type ChainTable } from '../persistence/chain-tables.js';
import { AnchorLedger } from './anchor-ledger.js';
import { AuditChains, type ChainReport } from './audit-chains.js';

/** Default: every 5 minutes (design). */
export const DEFAULT_AUDIT_INTERVAL_MS = 5 * 60_000;
/** How long the first round waits for the anchors already on the bus. */
const CATCH_UP_WAIT_MS = 30_000;

/**
 * On a schedule (and once more at shutdown): verifies every audit chain against the key and the anchors held outside
 * the database, sets `estafette_audit_chain_intact{chain}` (1/0) and the time of the verification, and anchors the
 * head of a chain that verified by publishing `audit.anchored` through the outbox. A broken chain is never anchored:
 * that would vouch for the damage.
 */
@Injectable()
export class AuditWatch extends IntervalJob implements BeforeApplicationShutdown {
  protected readonly failureMessage = 'audit chains not verified or anchored';
  private readonly log = new Logger(AuditWatch.name);
  private readonly reports = new Map<AuditChainName, ChainReport>();
  private readonly anchored = new Map<AuditChainName, number>();
  private firstRound?: Promise<void>;

  constructor(
    private readonly chains: AuditChains,
    private readonly ledger: AnchorLedger,
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    metrics: ServiceMetrics,
  ) {
    super();
    // Read at scrape time from the last verification of each chain: no series before the first one.
    metrics.gauge(
      'estafette_audit_chain_intact',
      '1 when the last verification found the audit chain intact (key, links, anchors), 0 when not.',
      ['chain'],
      async (gauge) => {
        for (const [chain, report] of this.reports) gauge.set({ chain }, report.intact ? 1 : 0);
      },
    );
    metrics.gauge(
      'estafette_audit_chain_verified_timestamp_seconds',
      'When the audit chain was last verified (Unix time).',
      ['chain'],
      async (gauge) => {
        for (const [chain, report] of this.reports) gauge.set({ chain }, Date.parse(report.verifiedAt) / 1000);
      },
    );
  }

  protected intervalMs(): number {
    return this.settings.audit?.intervalMs ?? DEFAULT_AUDIT_INTERVAL_MS;
  }

  /** One round: verify each chain, then anchor those that are intact. */
  protected async tick(): Promise<void> {
    await this.ledger.whenCaughtUp(CATCH_UP_WAIT_MS);
    for (const table of CHAIN_TABLES) {
      const report = await this.verify(table);
      if (report.intact) await this.anchor(table.chain, report.head);
    }
  }

  /** Runs a round now (tests, and the shutdown anchor). */
  async runOnce(): Promise<void> {
    await this.tick();
  }

  /** The schedule, and a first round right away: a start after a rewrite shows at once, not an interval later. */
  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    this.firstRound = this.tick().catch((error: Error) => this.log.warn(`first audit round failed: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.firstRound;
    await this.tick().catch((error: Error) => this.log.warn(`no audit anchor at shutdown: ${error.message}`));
  }

  /** Verifies one chain now; the metric and the status follow. */
  async verifyChain(chain: AuditChainName): Promise<ChainReport> {
    return this.verify(CHAIN_TABLES.find((t) => t.chain === chain)!);
  }

  /** Per chain: the last verification (null before the first) and the highest anchor read back from the bus. */
  status(): { chain: AuditChainName; lastAnchor: ReturnType<AnchorLedger['latestOnBus']>; lastVerification: ChainReport | null }[] {
    return CHAIN_TABLES.map(({ chain }) => ({
      chain,
      lastAnchor: this.ledger.latestOnBus(chain),
      lastVerification: this.reports.get(chain) ?? null,
    }));
  }

  private async verify(table: ChainTable): Promise<ChainReport> {
    const now = this.calendar.now();
    const report = await this.chains.verify(table, this.ledger.anchorsOf(table.chain), now);
    this.reports.set(table.chain, report);
    if (report.intact) this.ledger.verified(table.chain, report.head, now);
    else this.log.error(`audit chain ${table.chain} is not intact at entry ${report.brokenAt}: ${report.problem}`);
    return report;
  }

  private async anchor(chain: AuditChainName, head: { sequence: number; hash: string }): Promise<void> {
    if (head.sequence === 0 || this.anchored.get(chain) === head.sequence) return;
    const anchoredAt = this.calendar.now().toISOString();
    await this.dataSource.transaction((manager) =>
      Outbox.add(
        manager,
        createEvent(auditAnchored, {
          source: eventSource(this.settings),
          subject: auditChainSubject(chain),
          time: anchoredAt,
          data: { chain, sequence: head.sequence, headHash: head.hash, anchoredAt },
        }),
      ),
    );
    this.anchored.set(chain, head.sequence);
  }
}
