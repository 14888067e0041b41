import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MeDto } from '../../users/dto/session.dto';
import { LAB_ROLES, LabRole } from '../../common/vocabulary';

export class CreateInvitationDto {
  @ApiProperty({ enum: LAB_ROLES, example: 'resident' })
  @IsIn(LAB_ROLES)
  role: LabRole;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'Default: 14' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  expiresInDays?: number;

  @ApiPropertyOptional({ description: 'For yourself: who the link is for' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class InviteByEmailDto {
  @ApiProperty({
    description: "The person's exact e-mail address; they see the invitation when they log in and accept or decline it",
  })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: LAB_ROLES })
  @IsIn(LAB_ROLES, { message: 'must be coordinator, partner, resident or observer' })
  role: LabRole;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'Default: 14' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  expiresInDays?: number;
}

/** A link for one resident to contribute to an evaluation round (they join the lab as a resident). */
export class RoundInvitationDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'Default: 14' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  expiresInDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class CreatedInvitationDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) token: string;
  @ApiProperty({ example: '/uitnodiging/abc' }) path: string;
  @ApiProperty({ enum: LAB_ROLES }) role: LabRole;
  @ApiProperty() expiresAt: string;
}

export class InvitationDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: LAB_ROLES }) role: LabRole;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: String, nullable: true }) usedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) usedByName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'For an invitation by e-mail address: the start of the address and its domain (sa…@gemeente.nl)',
  })
  inviteeEmail: string | null;
  @ApiProperty({ enum: ['open', 'used', 'expired', 'declined', 'revoked'] })
  state: 'open' | 'used' | 'expired' | 'declined' | 'revoked';
  @ApiProperty({ type: Number, nullable: true, description: 'The evaluation round a round link invites to' })
  roundId: number | null;
  @ApiProperty({ type: String, nullable: true }) roundTitle: string | null;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto] }) items: InvitationDto[];
}

export class InvitationPreviewDto {
  @ApiProperty() labId: number;
  @ApiProperty() labName: string;
  @ApiProperty() labQuestion: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ enum: LAB_ROLES }) role: LabRole;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The evaluation round the link invites to, if any' })
  roundId: number | null;
  @ApiProperty({ type: String, nullable: true }) roundTitle: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day to contribute to the round (Dutch time), if it has one',
  })
  roundDeadline: string | null;
  @ApiProperty({
    description:
      'Coordinators and partners choose an e-mail address and password while joining, so they can log in again',
  })
  needsLogin: boolean;
}

export class AcceptInvitationDto {
  @ApiProperty({ example: 'Fatima', description: 'The name others in the lab will see' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(60)
  displayName: string;

  @ApiPropertyOptional({ description: 'Coordinators and partners: the e-mail address to log in with later' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ minLength: 12 })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(200)
  password?: string;
}

export class AcceptedInvitationDto {
  @ApiProperty() labId: number;
  @ApiProperty({ type: Number, nullable: true }) roundId: number | null;
  @ApiProperty({ type: MeDto }) user: MeDto;
}

export class OutstandingMemberDto {
  @ApiProperty() userId: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LAB_ROLES }) role: LabRole;
}

/** Round links are anonymous: only how many, never who. */
export class OutstandingLinksDto {
  @ApiProperty({ description: 'Links to this round that can still be used' }) open: number;
  @ApiProperty({ description: 'Links to this round that expired or were withdrawn unused' }) unused: number;
  @ApiProperty({ description: 'Links used to join, by someone who has not contributed yet' })
  usedWithoutContribution: number;
}

export class RoundOutstandingDto {
  @ApiProperty() roundId: number;
  @ApiProperty({
    type: [OutstandingMemberDto],
    description: "Team members with one of the round's contributor roles who have not contributed yet",
  })
  members: OutstandingMemberDto[];
  @ApiProperty({ type: OutstandingLinksDto }) links: OutstandingLinksDto;
}
