import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MeDto } from '../../auth/dto/auth.dto';
import { LAB_ROLES, LabRole } from '../../labs/lab-member.entity';

export class CreateInvitationDto {
  @ApiProperty({ enum: LAB_ROLES, example: 'resident' }) @IsIn(LAB_ROLES)
  role: LabRole;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'Default: 14' }) @IsOptional() @IsInt() @Min(1) @Max(60)
  expiresInDays?: number;

  @ApiPropertyOptional({ description: 'For yourself: who the link is for' }) @IsOptional() @IsString() @MaxLength(200)
  note?: string;
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
  @ApiProperty({ enum: ['open', 'used', 'expired'] }) state: 'open' | 'used' | 'expired';
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
  @ApiProperty({ type: Number, nullable: true, description: 'The evaluation round the link invites to, if any' }) roundId: number | null;
  @ApiProperty({ type: String, nullable: true }) roundTitle: string | null;
}

export class AcceptInvitationDto {
  @ApiProperty({ example: 'Fatima', description: 'The name others in the lab will see' })
  @IsString() @MinLength(1, { message: 'must not be empty' }) @MaxLength(60)
  displayName: string;
}

export class AcceptedInvitationDto {
  @ApiProperty() labId: number;
  @ApiProperty({ type: Number, nullable: true }) roundId: number | null;
  @ApiProperty({ type: MeDto }) user: MeDto;
}
