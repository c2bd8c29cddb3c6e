import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { Organisation, OrganisationKind } from '@estafette/organisations-client';
import { pageOf, pageWindow, type Page, type PageQuery } from '@estafette/service-kit';
import { OrganisationRecord } from '../persistence/organisation.entity.js';
import { ORGANISATIONS_SETTINGS, type OrganisationsSettings } from '../organisations-settings.js';
import { builtInView, registeredView } from './organisation-view.js';

export interface OrganisationSearch extends PageQuery {
  /** Part of a name, code or id, any case. */
  q?: string;
  kind?: OrganisationKind;
  active?: boolean;
}

/**
 * What an organisation id is: a registered organisation first (a W&I department registered as gemeente:GM0363
 * is that, not the municipality), else the built-in source's municipality or region.
 */
@Injectable()
export class FindOrganisations {
  constructor(
    @InjectRepository(OrganisationRecord) private readonly records: Repository<OrganisationRecord>,
    @Inject(ORGANISATIONS_SETTINGS) private readonly settings: OrganisationsSettings,
  ) {}

  /** The organisations among `ids` the directory knows; unknown ids are left out. */
  async resolve(ids: string[]): Promise<Organisation[]> {
    const registered = new Map((await this.records.findBy({ id: In(ids) })).map((r) => [r.id, registeredView(r)]));
    return ids.flatMap((id) => {
      const builtIn = this.settings.builtIn.find(id);
      return registered.get(id) ?? (builtIn ? builtInView(builtIn) : []);
    });
  }

  /** Registered organisations only (built-ins are the CBS list), by name; `q` matches name, code or id. */
  async search(query: OrganisationSearch): Promise<Page<ReturnType<typeof registeredView>>> {
    const qb = this.records.createQueryBuilder('o');
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(o.name ILIKE :like OR o.code ILIKE :like OR o.id ILIKE :like)', { like });
    }
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.active !== undefined) qb.andWhere('o.active = :active', { active: query.active });
    const { skip, take } = pageWindow(query);
    const [items, total] = await qb.orderBy('lower(o.name)', 'ASC').addOrderBy('o.id', 'ASC').skip(skip).take(take).getManyAndCount();
    return pageOf(items.map(registeredView), total, query);
  }
}
