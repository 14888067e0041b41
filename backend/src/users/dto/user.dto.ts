import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/common.dto';
import { INSTALLATION_ROLES, InstallationRole } from '../user.entity';

export const LOCALES = ['nl', 'en'] as const;

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name or e-mail address' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({ enum: INSTALLATION_ROLES })
  @IsOptional()
  @IsIn(INSTALLATION_ROLES)
  installationRole?: InstallationRole;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(120)
  displayName: string;

  @ApiProperty({ enum: INSTALLATION_ROLES })
  @IsIn(INSTALLATION_ROLES, { message: 'must be admin, staff or member' })
  installationRole: InstallationRole;
}

export class UpdateUserDto {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ enum: INSTALLATION_ROLES })
  @IsOptional()
  @IsIn(INSTALLATION_ROLES, { message: 'must be admin, staff or member' })
  installationRole?: InstallationRole;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: 'nl' | 'en';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ minLength: 12 })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(200)
  newPassword?: string;

  @ApiPropertyOptional({
    description: 'Needed to change the e-mail address or password of an account that has a password',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  currentPassword?: string;
}

export class DeleteMeDto {
  @ApiProperty({ description: 'Must be true: the dashboard asks first' })
  @Equals(true, { message: 'must be true' })
  confirm: boolean;
}

export class UserDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: INSTALLATION_ROLES }) installationRole: InstallationRole;
  @ApiProperty() active: boolean;
  @ApiProperty() hasPassword: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
}

export class AccessLinkDto {
  @ApiProperty({
    example: '/toegang/abc…',
    description: 'Path of the link on this installation; copy it to the person',
  })
  path: string;
  @ApiProperty({ type: String, nullable: true }) expiresAt: string | null;
}

export class CreatedUserDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: AccessLinkDto, description: 'One-time "set your password" link' }) link: AccessLinkDto;
}

export class AccessLinkPreviewDto {
  @ApiProperty({ enum: ['set-password', 'sign-in'] }) purpose: 'set-password' | 'sign-in';
  @ApiProperty() displayName: string;
}

export class UseAccessLinkDto {
  @ApiPropertyOptional({ minLength: 12, description: 'Required for a set-password link' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(200)
  password?: string;
}

export class PendingInvitationDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty() labName: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ enum: ['coordinator', 'partner', 'resident', 'observer'] }) role: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) invitedByName: string | null;
  @ApiProperty() expiresAt: string;
}

export class PendingInvitationListDto {
  @ApiProperty({ type: [PendingInvitationDto] }) items: PendingInvitationDto[];
}

export class AccountHistoryItemDto {
  @ApiProperty() id: number;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: number;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action: string;
  @ApiProperty({ type: Object }) changes: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty() at: string;
  @ApiProperty({ type: String, nullable: true }) userName: string | null;
}

export class AccountHistoryDto {
  @ApiProperty({ type: [AccountHistoryItemDto] }) items: AccountHistoryItemDto[];
  @ApiProperty() total: number;
}
