import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';

const PROXY_URL_RULE = 'must be an http:// or https:// proxy URL, e.g. http://user:pass@proxy.example:8080 (SOCKS proxies are not supported)';

/** A proxy is an origin: no path, query or fragment (the HTTP client refuses them). What is no http(s) URL at all, IsUrl reports. */
function isProxyOrigin(value: unknown): boolean {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return true;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  return url.pathname === '/' && !url.search && !url.hash && !String(value).includes('?') && !String(value).includes('#');
}

/** An http:// or https:// proxy URL, scheme, credentials, host and port only: the HTTP client tunnels through HTTP proxies only (undici has no SOCKS). */
export const IsProxyUrl = () =>
  applyDecorators(
    IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }, { message: PROXY_URL_RULE }),
    ValidateBy({ name: 'isProxyOrigin', validator: { validate: isProxyOrigin, defaultMessage: () => `${PROXY_URL_RULE}, with no path, query or fragment` } }),
  );

/** Connect a LinkedIn account with the session cookies of a logged-in browser. */
export class ConnectAccountDto {
  @ApiPropertyOptional({ example: 'Alex (SDR)' })
  @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '696ce9e7a1b2c3d4e5f60718', description: 'The id your client used for this account before (e.g. the hosted API’s); X-Account-Id and accountId then accept it. Unique per workspace; letters, digits and . _ : - (1–200).' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9._:-]{1,200}$/, { message: 'externalId must be 1 to 200 letters, digits, ".", "_", ":" or "-"' })
  externalId?: string;

  @ApiProperty({ description: 'The li_at cookie.' })
  @IsString() @MinLength(10) @MaxLength(4000)
  liAt!: string;

  @ApiProperty({ description: 'The JSESSIONID cookie, with or without quotes.', example: '"ajax:1234567890123456789"' })
  @IsString() @Matches(/^"?ajax:\d+"?$/, { message: 'must look like "ajax:<digits>"' })
  jsessionId!: string;

  @ApiPropertyOptional({ description: 'The li_a cookie (Sales Navigator seat).' })
  @IsOptional() @IsString() @MinLength(10) @MaxLength(4000)
  liA?: string;

  @ApiProperty({ description: 'The user agent of the browser the cookies came from.', example: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36' })
  @IsString() @MinLength(10) @MaxLength(1000)
  userAgent!: string;

  @ApiPropertyOptional({ description: 'Per-account HTTP(S) proxy, e.g. http://user:pass@host:port (SOCKS is not supported). Stored encrypted.' })
  @IsOptional() @IsProxyUrl()
  proxyUrl?: string;

  @ApiPropertyOptional({ description: 'LinkedIn base URL for this account (one of LINKEDIN_BASE_URL / LINKEDIN_ALLOWED_BASE_URLS), e.g. the emulator.' })
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  baseUrl?: string;
}
