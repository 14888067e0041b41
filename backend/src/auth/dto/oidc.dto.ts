import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class OidcProviderDto {
  @ApiProperty({ description: 'Whether staff can sign in with the organisation’s OpenID Connect provider' })
  enabled: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Gemeente Utrecht',
    description: 'The organisation’s name for the button (OIDC_LABEL)',
  })
  label: string | null;
}

export class ProvidersDto {
  @ApiProperty({ type: OidcProviderDto }) oidc: OidcProviderDto;
}

export class OidcLoginQueryDto {
  @ApiPropertyOptional({
    example: '/mijn-labs',
    description: 'A path on this site to return to after signing in; anything else is ignored',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  returnTo?: string;
}

export class OidcLogoutDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'For a session that began at the provider: its end-session address (with id_token_hint and ' +
      'post_logout_redirect_uri) to send the browser to',
  })
  redirectTo: string | null;
}
