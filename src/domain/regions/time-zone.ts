/**
 * The three Indonesian time zones as IANA names: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9).
 * IANA names rather than offsets, so date maths goes through Intl and never hard-codes hours.
 */
export type IndonesianTimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
