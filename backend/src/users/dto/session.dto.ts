import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LAB_ROLES, LabRole } from '../../common/vocabulary';

/** The signed-in account as the dashboard knows it (GET /api/auth/me and every sign-in). */
export class MembershipDto {
  @ApiProperty() labId: number;
  @ApiProperty() labName: string;
  @ApiProperty() labSlug: string;
  @ApiProperty({ enum: LAB_ROLES }) role: LabRole;
}

export class MeDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({
    enum: ['admin', 'staff', 'member'],
    description: 'admin: manages accounts; staff: may start labs; member: everyone else',
  })
  installationRole: 'admin' | 'staff' | 'member';
  @ApiProperty() isAdmin: boolean;
  @ApiProperty({ example: 'nl' }) locale: string;
  @ApiProperty({ description: 'Whether the account logs in with a password (else: by a personal link)' })
  hasPassword: boolean;
  @ApiProperty({
    description: "Whether the account signs in through the organisation's identity provider (OpenID Connect)",
  })
  identityProvider: boolean;
  @ApiProperty({ description: 'Invitations to labs addressed to this account that wait for an answer' })
  pendingInvitations: number;
  @ApiProperty({ type: [MembershipDto] }) memberships: MembershipDto[];
}

export class SessionDto {
  @ApiPropertyOptional({ type: MeDto, nullable: true }) user: MeDto | null;
}
