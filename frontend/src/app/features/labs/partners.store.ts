import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Organisation, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';
import { LabStore } from './lab.store';

/** The open lab's partner organisations (who brought whom in), chosen from the organisations known here. */
@Injectable({ providedIn: 'root' })
export class PartnersStore {
  private readonly http = inject(HttpClient);
  private readonly lab = inject(LabStore);
  private readonly known = new Loadable<Organisation[]>([]);
  /** Every organisation registered in this installation, to choose a partner from. */
  readonly organisations = this.known.value;

  loadOrganisations(): Promise<boolean> {
    return this.known.load(
      async () => (await firstValueFrom(this.http.get<Schemas['OrganisationListDto']>('/api/organisations'))).items,
    );
  }

  /** Adds a partner (registering its organisation first when it is new), with the partner that brought it in. */
  async add(
    partner: { organisationId: number } | Schemas['CreateOrganisationDto'],
    invitedBy: number | null,
    joinedOn: string | null = null,
  ) {
    const organisationId =
      'organisationId' in partner
        ? partner.organisationId
        : (await firstValueFrom(this.http.post<Organisation>('/api/organisations', partner))).id;
    await firstValueFrom(
      this.http.post(`${this.lab.base}/partners`, {
        organisationId,
        ...(invitedBy ? { invitedByOrganisationId: invitedBy } : {}),
        ...(joinedOn ? { joinedOn } : {}),
      }),
    );
    await this.lab.reloadLab();
  }

  async remove(organisationId: number): Promise<void> {
    await firstValueFrom(this.http.delete(`${this.lab.base}/partners/${organisationId}`));
    await this.lab.reloadLab();
  }
}
