import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { REGISTERED_KINDS, type Organisation, type OrganisationKind, type RegisteredKind } from '@estafette/organisations-client';
import { byRelevance, fitsQuery } from '../domain/organisation-search.js';
import { ORGANISATIONS_SETTINGS, type OrganisationsSettings } from '../organisations-settings.js';
import { OrganisationRecord } from '../persistence/organisation.entity.js';
import { builtInView, registeredView } from './organisation-view.js';

/** At most this many answers: a list to choose from, not a register to page through. */
export const SEARCH_LIMIT = 20;

/**
 * Organisations to choose from by name, for every signed-in person (a young person choosing who may share with whom):
 * the active registered ones and the built-in municipalities and RMC regions, fitting every word typed, best first.
 * Deactivated organisations are left out: nobody should choose them for something new.
 */
@Injectable()
export class SearchDirectory {
  constructor(
    @InjectRepository(OrganisationRecord) private readonly records: Repository<OrganisationRecord>,
    @Inject(ORGANISATIONS_SETTINGS) private readonly settings: OrganisationsSettings,
  ) {}

  /** `q`: words typed (may be empty); `kind`: one kind only. Returns at most SEARCH_LIMIT organisations, and how many fit. */
  async search(q: string, kind?: OrganisationKind): Promise<{ items: Organisation[]; total: number }> {
    const registeredKind = (REGISTERED_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RegisteredKind) : undefined;
    const rows =
      kind && !registeredKind ? [] : await this.records.findBy({ active: true, ...(registeredKind ? { kind: registeredKind } : {}) });
    const registered = rows.map((r) => {
      const { registeredAt: _r, updatedAt: _u, ...view } = registeredView(r);
      return view;
    });
    const builtIn = this.settings.builtIn
      .all()
      .filter((b) => !kind || b.kind === kind)
      .map(builtInView);
    // A registered organisation wins over a built-in one with the same id (a W&I department on its municipality's code).
    const ids = new Set(registered.map((o) => o.id));
    const fitting = [...registered, ...builtIn.filter((b) => !ids.has(b.id))].filter((o) => fitsQuery(o, q));
    return { items: fitting.sort(byRelevance(q)).slice(0, SEARCH_LIMIT), total: fitting.length };
  }
}
