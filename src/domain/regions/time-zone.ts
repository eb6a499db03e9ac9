/**
 * The three Indonesian time zones as IANA names: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9).
 * Conversions to and from UTC live in src/domain/local-time.ts (fixed offsets: Indonesia keeps
 * no daylight saving time); the names go to croner and Intl where those are used.
 */
export type IndonesianTimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
