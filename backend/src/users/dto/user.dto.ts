import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateUserDto {
  @ApiProperty() @IsEmail({}, { message: 'must be an e-mail address' }) @MaxLength(254)
  email: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120)
  displayName: string;

  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12, { message: 'must be at least 12 characters' }) @MaxLength(200)
  password: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isAdmin?: boolean;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ enum: ['nl', 'en'] }) @IsOptional() @IsIn(['nl', 'en'])
  locale?: 'nl' | 'en';

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  displayName?: string;
}

export class UserDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty() createdAt: string;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
}
