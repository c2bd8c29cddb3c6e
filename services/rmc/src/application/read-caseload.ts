import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pageWindow, type PageQuery } from '@estafette/service-kit';
import { isFirstContactOverdue } from '../domain/caseload.js';
import { TaakRecord } from '../persistence/taak.entity.js';

/** The counts of a group of open tasks (one consulent's, or the region's unassigned ones). */
export interface CaseloadCounts {
  open: number;
  /** First contact past its due date (Amsterdam date) and no contact yet. */
  overdueFirstContacts: number;
  /** Periodic contact overdue: null until tasks keep the periodic-contact flag (issue 22, periodic contact). */
  periodicContactOverdue: number;
  /** Tasks whose first-contact timer escalated them (escalatedAt set), contact made since or not. */
  escalated: number;
  buitenBeeld: number;
}

export interface CaseloadRow extends CaseloadCounts {
  region: string;
  /** The consulent's user id (assignedTo). */
  consulent: string;
}

/** One open task as the caseload lists it: enough to choose what to reassign, no identity. */
export interface CaseloadTaak {
  id: string;
  region: string;
  status: TaakRecord['status'];
  assignedTo: string | null;
  municipality: string;
  registrationDate: string;
  firstContactDueDate: string;
  overdue: boolean;
  escalatedAt: Date | null;
  buitenBeeld: boolean;
}

const OPEN = "t.status NOT IN ('overgedragen', 'gesloten')";

/** Tasks whose periodic contact passed without contact (the flag the periodic-contact timer sets; 001:161). */
const PERIODIC_CONTACT_OVERDUE = 'count(*) FILTER (WHERE t.periodic_contact_overdue_since IS NOT NULL)::int';

/** `$1` region (null: all regions, ops only), `$2` today (Amsterdam date). */
const COUNTS = `
  count(*)::int AS "open",
  count(*) FILTER (WHERE t.first_contact_at IS NULL AND t.first_contact_due_date < $2::date)::int AS "overdueFirstContacts",
  ${PERIODIC_CONTACT_OVERDUE} AS "periodicContactOverdue",
  count(*) FILTER (WHERE t.escalated_at IS NOT NULL)::int AS "escalated",
  count(*) FILTER (WHERE t.buiten_beeld)::int AS "buitenBeeld"`;

/**
 * The caseload of a region: open tasks per consulent with their counts, the most overdue first (overdue first contacts
 * plus overdue periodic contacts, then escalated, then open), paginated; and the same counts for the tasks nobody has.
 * `region` null reads all regions (ops). `today` is the Amsterdam date (YYYY-MM-DD).
 */
@Injectable()
export class ReadCaseload {
  constructor(private readonly dataSource: DataSource) {}

  async perConsulent(region: string | null, today: string, page: PageQuery): Promise<{ items: CaseloadRow[]; total: number }> {
    const { skip, take } = pageWindow(page);
    const scope = `${OPEN} AND ($1::text IS NULL OR t.region = $1)`;
    // A subquery, so the order can add up the counts by name.
    const items: CaseloadRow[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT t.region AS "region", t.assigned_to AS "consulent", ${COUNTS}
           FROM taak t
          WHERE ${scope} AND t.assigned_to IS NOT NULL
          GROUP BY t.region, t.assigned_to) c
        ORDER BY c."overdueFirstContacts" + c."periodicContactOverdue" DESC, c."escalated" DESC, c."open" DESC,
                 c."region", c."consulent"
        LIMIT $3 OFFSET $4`,
      [region, today, take, skip],
    );
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(DISTINCT (t.region, t.assigned_to))::int AS total FROM taak t WHERE ${scope} AND t.assigned_to IS NOT NULL`,
      [region],
    )) as [{ total: number }];
    return { items, total };
  }

  async unassigned(region: string | null, today: string): Promise<CaseloadCounts> {
    const [counts] = (await this.dataSource.query(
      `SELECT ${COUNTS} FROM taak t WHERE ${OPEN} AND ($1::text IS NULL OR t.region = $1) AND t.assigned_to IS NULL`,
      [region, today],
    )) as [CaseloadCounts];
    return counts;
  }

  /**
   * The open tasks of one consulent (`assignedTo`), of nobody (`unassigned`), or of everyone in the region: overdue
   * first contacts first, then by first-contact due date. Paginated like the worklist.
   */
  async taken(
    region: string | null,
    filter: { assignedTo?: string; unassigned?: boolean },
    today: string,
    page: PageQuery,
  ): Promise<{ items: CaseloadTaak[]; total: number }> {
    const qb = this.dataSource.getRepository(TaakRecord).createQueryBuilder('t').where(OPEN);
    if (region !== null) qb.andWhere('t.region = :region', { region });
    if (filter.assignedTo !== undefined) qb.andWhere('t.assigned_to = :assignedTo', { assignedTo: filter.assignedTo });
    if (filter.unassigned) qb.andWhere('t.assigned_to IS NULL');
    const { skip, take } = pageWindow(page);
    const [rows, total] = await qb
      .orderBy('(t.first_contact_at IS NULL AND t.first_contact_due_date < :today)', 'DESC')
      .setParameter('today', today)
      .addOrderBy('t.first_contact_due_date', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
    const items = rows.map((t) => ({
      id: t.id,
      region: t.region,
      status: t.status,
      assignedTo: t.assignedTo,
      municipality: t.municipality,
      registrationDate: t.registrationDate,
      firstContactDueDate: t.firstContactDueDate,
      overdue: isFirstContactOverdue(t, today),
      escalatedAt: t.escalatedAt,
      buitenBeeld: t.buitenBeeld,
    }));
    return { items, total };
  }
}
